import { Text, View } from '@tarojs/components'
import type { ProxyClient } from '~types/domain'

interface Props {
  clients: ProxyClient[]
  /** the name in the form now */
  chosen: string
  onPick: (client: ProxyClient) => void
  onForget: (client: ProxyClient) => void
}

/** 常代办的人: the people this proxy has ordered for (their profile's list, most recent first), to pick with one tap. */
export default function ProxyPeople({ clients, chosen, onPick, onForget }: Props) {
  if (clients.length === 0) return null
  return (
    <View className='proxy-people'>
      <Text className='field-label'>常代办的人（点一下填好姓名、地址和电话）</Text>
      {clients.map((c) => {
        const on = c.name === chosen
        return (
          <View key={c.name} className={`proxy-people__row${on ? ' proxy-people__row--on' : ''}`}>
            <View className='proxy-people__pick' role='radio' aria-checked={on} onClick={() => onPick(c)}>
              <Text className='proxy-people__name'>{c.name}</Text>
              <Text className='muted'>
                {c.address}
                {c.phone ? ` · ${c.phone}` : ' · 无电话'}
              </Text>
            </View>
            <View className='proxy-people__forget' role='button' aria-label={`从名单中删除${c.name}`} onClick={() => onForget(c)}>
              删除
            </View>
          </View>
        )
      })}
    </View>
  )
}
