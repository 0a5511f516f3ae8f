import { Input, Text, View } from '@tarojs/components'

interface Props {
  label: string
  value: string
  onInput: (value: string) => void
  placeholder: string
  maxLength: number
  /** the refusal about this field, shown under it */
  error?: string
  password?: boolean
  type?: 'text' | 'number'
}

/** One field of the sign-in forms: its label, the input, and the server's refusal about it right below. */
export default function FormField({ label, value, onInput, placeholder, maxLength, error, password = false, type = 'text' }: Props) {
  return (
    <View className='login__field'>
      <Text className='field-label'>{label}</Text>
      <Input
        className={`input${error ? ' login__input--error' : ''}`}
        type={type}
        password={password}
        value={value}
        maxlength={maxLength}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
      {error && (
        <View className='field-error' role='alert'>
          {error}
        </View>
      )}
    </View>
  )
}
