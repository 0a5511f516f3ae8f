import { useEffect, useRef } from 'react'
import { draftKey, readDraft, removeDraft, saveDraft } from '../lib/drafts'

/** A value the person has not typed anything into: nothing worth keeping. */
function isBlank(value: unknown): boolean {
  return value === '' || value === 0 || value === false || value === null || value === undefined
}

/**
 * A form's draft on this phone, one per form and target (`place` + the menu item, `rate` + the order …): what the
 * person typed is kept as they type, given back through `restore` when they come back to the form (after a lost
 * reply, a call, the app closed), and forgotten by `clear()` once the form has been sent.
 */
export function useDraft<T extends object>(form: string, target: string, values: T, restore: (saved: Partial<T>) => void) {
  const key = draftKey(form, target)
  const restored = useRef(false)
  const cleared = useRef(false)
  const restoreRef = useRef(restore)
  restoreRef.current = restore

  // on the first render only: hand back what was kept
  useEffect(() => {
    const saved = readDraft<T>(key)
    if (saved) restoreRef.current(saved)
    restored.current = true
  }, [key])

  const json = JSON.stringify(values)
  useEffect(() => {
    if (!restored.current || cleared.current) return
    if (Object.values(values).every(isBlank)) removeDraft(key)
    else saveDraft(key, values)
  }, [key, json])

  return {
    /** the form was sent: forget the draft, and keep nothing more of this form on this page */
    clear() {
      cleared.current = true
      removeDraft(key)
    },
  }
}
