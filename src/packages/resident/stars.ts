/** What each number of stars means to the person rating (index = stars − 1). */
export const STAR_WORDS = ['很不满意', '不满意', '一般', '满意', '非常满意'] as const

/** "★★★★☆" for 4 of 5 stars. */
export function starText(stars: number): string {
  return '★'.repeat(stars) + '☆'.repeat(Math.max(0, 5 - stars))
}
