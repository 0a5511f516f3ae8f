import { useCallback, useRef, useState } from 'react'
import type { z } from 'zod'
import { toApiCallError } from '../services/transport'
import { useWrite } from './useWrite'

export interface SubmitOptions<In> {
  /** a refusal of the page's own before the schema is asked (e.g. 请点星星打分), '' for none */
  refuse?: (draft: In) => string
  /** runs once the input is valid, still inside the tap (WeChat asks for subscriptions only there) */
  onValid?: () => void
  /** asks the person first; false calls the write off */
  confirm?: () => Promise<boolean>
}

/** A form's submission as a page holds it (see useSubmit). */
export interface Submission<In, R> {
  submit(draft: In, options?: SubmitOptions<In>): Promise<R | null>
  busy: boolean
  error: string
  setError: (error: string) => void
}

/**
 * One form's submission: validates the draft with the action's zod schema (showing its first Chinese message),
 * sends it with a requestId that a retry after a failure re-sends, and tracks busy and the error to show.
 * `submit` answers what the write answered, or null when it was refused, called off, failed or already running.
 */
export function useSubmit<S extends z.ZodType, R>(
  schema: S,
  send: (input: z.output<S> & { requestId: string }) => Promise<R>,
): Submission<z.input<S>, R> {
  const { run, busy } = useWrite()
  const [error, setError] = useState('')
  const sendRef = useRef(send)
  sendRef.current = send

  const submit = useCallback(
    async (draft: z.input<S>, options: SubmitOptions<z.input<S>> = {}): Promise<R | null> => {
      const refusal = options.refuse?.(draft) ?? ''
      const parsed = refusal ? null : schema.safeParse(draft)
      if (!parsed?.success) {
        setError(refusal || (parsed?.error?.issues[0]?.message ?? ''))
        return null
      }
      options.onValid?.()
      setError('')
      try {
        return await run('submit', async (requestId) => {
          if (options.confirm && !(await options.confirm())) return null
          return sendRef.current({ ...(parsed.data as object), requestId } as z.output<S> & { requestId: string })
        })
      } catch (err) {
        setError(toApiCallError(err).message)
        return null
      }
    },
    [schema, run],
  )

  return { submit, busy: busy('submit'), error, setError }
}
