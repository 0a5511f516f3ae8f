/**
 * A fresh request id for one intended write (one form submission, one tap on 接单). The same id is sent again on a
 * retry, so the backend repeats its first answer instead of doing the thing twice.
 */
export function newRequestId(): string {
  const random = Math.random().toString(36).slice(2, 10)
  return `${Date.now().toString(36)}-${random}`
}
