import { Input, Text, Textarea } from '@tarojs/components'
import type { z } from 'zod'
import { PHONE_LENGTH, maxLengthOf } from '../../lib/schemaLimits'

/** Where the field's length limit comes from: the field of the action's input schema it edits, or a number. */
type Limit<S extends z.ZodObject> = { schema: S; name: keyof z.input<S> & string; maxLength?: undefined } | { schema?: undefined; name?: undefined; maxLength: number }

type Props<S extends z.ZodObject> = Limit<S> & {
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
  const max = maxLength ?? maxLengthOf(schema!, name!)
  return (
    <>
      {label && <Text className={labelClassName}>{label}</Text>}
      {multiline ? (
        <Textarea className='textarea' value={value} maxlength={max} placeholder={placeholder} placeholderClass='field-placeholder' onInput={(e) => onInput(e.detail.value)} />
      ) : (
        <Input className='input' type={type} value={value} maxlength={max} placeholder={placeholder} placeholderClass='field-placeholder' onInput={(e) => onInput(e.detail.value)} />
      )}
      {counter && (
        <Text className='muted field-counter'>
          {value.length}/{max}
        </Text>
      )}
    </>
  )
}

/**
 * 联系电话 / 手机号: eleven digits (mobilePhone is a pattern, so the limit is its length). The placeholder is short
 * enough for a 320px phone in 大字模式; why it is asked is said under the field, where it can wrap.
 */
export function PhoneField(props: { label: string; labelClassName?: string; value: string; onInput: (value: string) => void; hint?: string }) {
  const { hint = '方便志愿者联系您', ...field } = props
  return (
    <>
      <Field {...field} type='number' maxLength={PHONE_LENGTH} placeholder='11位手机号码' />
      {hint && <Text className='muted field-hint'>{hint}</Text>}
    </>
  )
}
