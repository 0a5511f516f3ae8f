import type { z } from 'zod'

/** mobilePhone is a pattern (1 and ten digits), not a length: its field takes this many characters. */
export const PHONE_LENGTH = 11

type Inspectable = {
  maxLength?: number | null
  maxValue?: number | null
  shape?: Record<string, Inspectable>
  options?: Inspectable[]
  unwrap?: () => Inspectable
  def?: { in?: Inspectable; innerType?: Inspectable }
}

/** The longest text (or, for a whole number, the most digits) a schema accepts, through optional/default/union. */
function longest(s: Inspectable | undefined): number | null {
  if (!s) return null
  if (typeof s.maxLength === 'number') return s.maxLength
  if (typeof s.maxValue === 'number' && Number.isFinite(s.maxValue)) return String(Math.trunc(s.maxValue)).length
  if (s.options) {
    for (const option of s.options) {
      const found = longest(option)
      if (found !== null) return found
    }
    return null
  }
  if (s.def?.in) return longest(s.def.in)
  if (typeof s.unwrap === 'function') return longest(s.unwrap())
  return null
}

/**
 * The `maxlength` of the field that edits `field` of an action's input, read from the action's zod schema, so a
 * form never types a limit of its own.
 */
export function maxLengthOf<S extends z.ZodObject>(schema: S, field: keyof z.input<S> & string): number {
  const found = longest((schema as unknown as Inspectable).shape?.[field])
  if (found === null) throw new Error(`the schema sets no length for ${field}`)
  return found
}
