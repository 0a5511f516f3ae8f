import { Input, Text, Textarea } from '@tarojs/components'
import type { z } from 'zod'
import { maxLengthOf } from '../../lib/schemaLimits'
import './index.scss'

interface Props<S extends z.ZodObject> {
  /** the action's input schema, and the field of it this edits: the length limit comes from there */
  schema: S
  name: keyof z.input<S> & string
  value: string
  onInput: (value: string) => void
  placeholder: string
  label?: string
  labelClassName?: string
  /** a Textarea instead of a one-line Input */
  multiline?: boolean
  type?: 'text' | 'number' | 'digit'
  /** show "12/200" under the field */
  counter?: boolean
  /** a limit of the page's own, for a field whose schema sets none (a phone number) */
  maxLength?: number
}

/** One text field of a form: its label, the field with the schema's length limit, and the counter. */
export default function Field<S extends z.ZodObject>({
  schema,
  name,
  value,
  onInput,
  placeholder,
  label,
  labelClassName = 'field-label',
  multiline = false,
  type,
  counter = false,
  maxLength,
}: Props<S>) {
  const max = maxLength ?? maxLengthOf(schema, name)
  return (
    <>
      {label && <Text className={labelClassName}>{label}</Text>}
      {multiline ? (
        <Textarea className='textarea' value={value} maxlength={max} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
      ) : (
        <Input className='input' type={type} value={value} maxlength={max} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
      )}
      {counter && (
        <Text className='muted field-counter'>
          {value.length}/{max}
        </Text>
      )}
    </>
  )
}
