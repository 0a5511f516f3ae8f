import type { z } from 'zod'

/**
 * Every field a draft gets wrong, by the schema's own rules: field → its first Chinese message (a refinement on the
 * whole object names its field through the issue's path). A form shows each beside its field.
 */
export function fieldErrorsOf(schema: z.ZodType, draft: unknown): Record<string, string> {
  const parsed = schema.safeParse(draft)
  if (parsed.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '')
    if (!(field in errors)) errors[field] = issue.message
  }
  return errors
}
