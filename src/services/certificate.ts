/** Typed clients of the `certificate` and `public` cloud functions, and opening a certificate's PDF. */
import type { ActionInput } from '~types/schemas'
import { call, openDownload } from './transport'

export const issue = (input: ActionInput<'certificate', 'issue'>) => call('certificate', 'issue', input)

export const verify = (serial: string) => call('public', 'verifyCertificate', { serial })

/** weapp: downloaded from the temporary link and opened (转发 from its menu); H5: saved from the local host. */
export const open = (c: { url: string; serial: string }) => openDownload(c.url, `志愿服务证明_${c.serial}.pdf`, 'pdf')
