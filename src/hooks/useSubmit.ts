import { useCallback, useRef, useState } from 'react'
import type { z } from 'zod'
import { readDraft, removeDraft, saveDraft } from '../lib/drafts'
import { isLostReply, toApiCallError } from '../services/transport'
import { useWrite } from './useWrite'

export interface SubmitOptions<In, R = unknown> {
  /** a refusal of the page's own before the schema is asked (e.g. 请点星星打分), '' for none */
  refuse?: (draft: In) => string
  /** runs once the input is valid, still inside the tap (WeChat asks for subscriptions only there) */
  onValid?: () => void
  /** asks the person first; false calls the write off */
  confirm?: () => Promise<boolean>
  /**
   * After a send whose reply was lost (NETWORK, TIMEOUT): finds out whether it was done after all (useOrder's
   * recover); an answer is then taken as the write's own, and the intent is over
   */
  settle?: () => Promise<R | null>
}

/** A form's submission as a page holds it (see useSubmit). */
export interface Submission<In, R> {
  submit(draft: In, options?: SubmitOptions<In, R>): Promise<R | null>
  busy: boolean
  error: string
  setError: (error: string) => void
  /** the last send got no reply (no connection, or none within 15 s): the button offers 重试, same requestId */
  retryable: boolean
}

/**
 * One form's submission: validates the draft with the action's zod schema (showing its first Chinese message),
 * sends it with a requestId that a retry after a failure re-sends, and tracks busy and the error to show.
 * A retry is the same intent while it is for the same target (`intentOf`; by default the form itself): an edited
 * form keeps the requestId, since the first send may have been done and the backend repeats its answer; a send for
 * another target (as the backend binds it) is a new intent, with a new requestId.
 * `submit` answers what the write answered, or null when it was refused, called off, failed or already running.
 */
export function useSubmit<S extends z.ZodType, R>(
  schema: S,
  send: (input: z.output<S> & { requestId: string }) => Promise<R>,
  /**
   * the form's draft key (lib/drafts): a send whose reply was lost is remembered on the phone, so the same form sent
   * again after the person left and came back re-sends the same requestId (the backend repeats its first answer)
   */
  keepAs?: string,
  /** what the backend binds a requestId to, when the form can change it (order.place: the item or theme, for whom) */
  intentOf: (input: z.output<S>) => string = () => '',
): Submission<z.input<S>, R> {
  const { run, forget, idOf, adopt, busy } = useWrite()
  const [error, setError] = useState('')
  const [retryable, setRetryable] = useState(false)
  // the target the requestId now held was sent for (null: none sent yet)
  const intent = useRef<string | null>(null)
  const sendRef = useRef(send)
  sendRef.current = send
  const intentRef = useRef(intentOf)
  intentRef.current = intentOf

  const submit = useCallback(
    async (draft: z.input<S>, options: SubmitOptions<z.input<S>, R> = {}): Promise<R | null> => {
      const refusal = options.refuse?.(draft) ?? ''
      const parsed = refusal ? null : schema.safeParse(draft)
      if (!parsed?.success) {
        setError(refusal || (parsed?.error?.issues[0]?.message ?? ''))
        return null
      }
      options.onValid?.()
      setError('')
      setRetryable(false)
      const said = intentRef.current(parsed.data as z.output<S>)
      const kept = keepAs ? readDraft<{ intent: string; requestId: string }>(keepAs + '#request') : null
      if (kept?.intent === said && kept.requestId) adopt('submit', kept.requestId)
      else if (said !== intent.current) forget('submit')
      intent.current = said
      const keep = (lost: boolean) => {
        if (!keepAs) return
        if (lost) saveDraft(keepAs + '#request', { intent: said, requestId: idOf('submit') })
        else removeDraft(keepAs + '#request')
      }
      try {
        const answer = await run('submit', async (requestId) => {
          if (options.confirm && !(await options.confirm())) return null
          return sendRef.current({ ...(parsed.data as object), requestId } as z.output<S> & { requestId: string })
        })
        if (answer) keep(false)
        return answer
      } catch (err) {
        const settled = isLostReply(err) && options.settle ? await options.settle() : null
        keep(isLostReply(err) && !settled)
        if (settled) {
          forget('submit')
          intent.current = null
          return settled
        }
        setError(toApiCallError(err).message)
        setRetryable(isLostReply(err))
        return null
      }
    },
    [schema, run, forget, idOf, adopt, keepAs],
  )

  return { submit, busy: busy('submit'), error, setError, retryable }
}
