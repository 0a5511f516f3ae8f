/** The social port (issue 11, 社会评单: likes, public ratings, team sums): its documented behaviour for any adapter, run by ./index.ts. */
import type { PublicRating, Stores } from '~core/ports'
import { freshStores, type MakeStores } from './helpers'

const rating = (orderId: string, userId: string, stars: number, over: Partial<PublicRating> = {}): PublicRating => ({
  orderId,
  userId,
  stars,
  comment: '',
  at: '2026-03-10T02:00:00.000Z',
  teamIds: ['team-a'],
  ...over,
})

export function socialContract(make: MakeStores): void {
  describe('social', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('like counts once per person; unlike takes it back once', async () => {
      expect(await stores.social.like('o-1', 'u-1', '2026-03-10T02:00:00.000Z')).toEqual({ likes: 1, created: true })
      expect(await stores.social.like('o-1', 'u-1', '2026-03-10T02:01:00.000Z')).toEqual({ likes: 1, created: false })
      expect(await stores.social.like('o-1', 'u-2', '2026-03-10T02:01:00.000Z')).toEqual({ likes: 2, created: true })
      expect(await stores.social.unlike('o-1', 'u-1')).toEqual({ likes: 1, removed: true })
      expect(await stores.social.unlike('o-1', 'u-1')).toEqual({ likes: 1, removed: false })
      expect(await stores.social.unlike('o-2', 'u-1')).toEqual({ likes: 0, removed: false })
      expect(await stores.social.summaries(['o-1', 'o-2'])).toEqual({ 'o-1': { orderId: 'o-1', likes: 1, ratingCount: 0, ratingSum: 0 } })
    })

    test('20 parallel likes by one person count once', async () => {
      const res = await Promise.all(Array.from({ length: 20 }, () => stores.social.like('o-p', 'u-1', '2026-03-10T02:00:00.000Z')))
      expect(res.filter((r) => r.created)).toHaveLength(1)
      expect((await stores.social.summaries(['o-p']))['o-p'].likes).toBe(1)
    })

    test('parallel likes by different people all count', async () => {
      await Promise.all(Array.from({ length: 8 }, (_, i) => stores.social.like('o-m', `u-${i}`, '2026-03-10T02:00:00.000Z')))
      expect((await stores.social.summaries(['o-m']))['o-m'].likes).toBe(8)
    })

    test('a second rating by the same person replaces theirs in the summary', async () => {
      expect(await stores.social.rate(rating('o-1', 'u-1', 5))).toMatchObject({ created: true, summary: { ratingCount: 1, ratingSum: 5 } })
      expect(await stores.social.rate(rating('o-1', 'u-2', 3))).toMatchObject({ created: true, summary: { ratingCount: 2, ratingSum: 8 } })
      expect(await stores.social.rate(rating('o-1', 'u-1', 2, { comment: '改评' }))).toMatchObject({ created: false, summary: { ratingCount: 2, ratingSum: 5 } })
      expect(await stores.social.getRating('o-1', 'u-1')).toEqual(rating('o-1', 'u-1', 2, { comment: '改评' }))
      expect(await stores.social.getRating('o-1', 'u-9')).toBeNull()
    })

    test('a like and a rating of one person live side by side; marks answers both in one read', async () => {
      await stores.social.like('o-1', 'u-1', '2026-03-10T02:00:00.000Z')
      await stores.social.rate(rating('o-1', 'u-1', 4))
      await stores.social.rate(rating('o-2', 'u-1', 3))
      await stores.social.like('o-3', 'u-2', '2026-03-10T02:00:00.000Z')
      expect(await stores.social.marks(['o-1', 'o-2', 'o-3', 'o-4'], 'u-1')).toEqual({
        'o-1': { liked: true, myStars: 4 },
        'o-2': { liked: false, myStars: 3 },
      })
      expect(await stores.social.summaries(['o-1'])).toEqual({ 'o-1': { orderId: 'o-1', likes: 1, ratingCount: 1, ratingSum: 4 } })
      expect(await stores.social.marks([], 'u-1')).toEqual({})
      expect(await stores.social.summaries([])).toEqual({})
    })

    test('teamSums counts a person once per team and month, with their latest stars', async () => {
      await stores.social.rate(rating('o-1', 'u-1', 5, { teamIds: ['team-a', 'team-b'] }))
      await stores.social.rate(rating('o-2', 'u-1', 2, { teamIds: ['team-a'], at: '2026-03-20T02:00:00.000Z' }))
      await stores.social.rate(rating('o-1', 'u-2', 4, { teamIds: ['team-a', 'team-b'] }))
      // China time: 2026-03-31T17:00Z is already April
      await stores.social.rate(rating('o-3', 'u-1', 3, { teamIds: ['team-a'], at: '2026-03-31T17:00:00.000Z' }))
      await stores.social.rate(rating('o-9', 'u-3', 1, { teamIds: ['team-a'], at: '2026-01-05T02:00:00.000Z' }))
      expect(await stores.social.teamSums(['team-a', 'team-b', 'team-c'], '2026-02')).toEqual({
        // March: u-1 once (latest 2) and u-2 (4); April: u-1 (3)
        'team-a': { count: 3, stars: 9 },
        'team-b': { count: 2, stars: 9 },
      })
      expect(await stores.social.teamSums(['team-a'], '2026-01')).toEqual({ 'team-a': { count: 4, stars: 10 } })
      expect(await stores.social.teamSums(['team-a'], '2026-04')).toEqual({ 'team-a': { count: 1, stars: 3 } })
      expect(await stores.social.teamSums([], '2026-01')).toEqual({})
    })
  })
}
