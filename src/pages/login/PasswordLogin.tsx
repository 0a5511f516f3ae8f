import { useState } from 'react'
import { View } from '@tarojs/components'
import { PASSWORD_MAX } from '~types/rules'
import BusyButton from '../../components/BusyButton'
import { PHONE_LENGTH } from '../../lib/schemaLimits'
import * as signIn from '../../services/signIn'
import FormField from './FormField'
import { useSignIn } from './useSignIn'

/** 登录: phone and password. */
export default function PasswordLogin() {
  const [phone, setPhone] = useState('')
  const [password, setPassword] = useState('')
  const { busy, errors, submit } = useSignIn()

  return (
    <View className='card login__form'>
      <FormField label='手机号' type='number' value={phone} onInput={setPhone} maxLength={PHONE_LENGTH} placeholder='注册时填的手机号' error={errors.phone} />
      <FormField label='密码' password value={password} onInput={setPassword} maxLength={PASSWORD_MAX} placeholder='请输入密码' error={errors.password} />
      {errors.form && (
        <View className='field-error login__form-error' role='alert'>
          {errors.form}
        </View>
      )}
      <BusyButton kind='primary' className='login__submit' busy={busy} busyLabel='正在登录…' onClick={() => void submit(() => signIn.login({ phone: phone.trim(), password }))}>
        登录
      </BusyButton>
    </View>
  )
}
