/** Typed client of the `export` cloud function, and opening the file it made. */
import type { ActionInput } from '~types/schemas'
import { call, openDownload } from './transport'

export const create = (input: ActionInput<'export', 'create'>) => call('export', 'create', input)

/** Opens a made file: on weapp downloaded and shown with its 转发 menu, on H5 saved under its Chinese name. */
export const open = (file: { url: string; fileName: string }) => openDownload(file.url, file.fileName)
