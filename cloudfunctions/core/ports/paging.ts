/** A page of a list: at most `limit` items, after the opaque `cursor` of the previous page. */
export interface PageRequest {
  cursor?: string
  limit: number
}
