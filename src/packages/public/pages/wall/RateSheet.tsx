import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Field from '~src/components/Field'
import { useWrite } from '~src/hooks/useWrite'
import { roleOf } from '~src/lib/roles'
import * as social from '~src/services/social'
import { schemas } from '~types/schemas'
import type { PublicRateAnswer } from '~types/social'
import { failureOf } from './signIn'

interface Props {
  orderId: string
  title: string
  myRating: number | null
  onRated: (answer: PublicRateAnswer) => void
  onClose: () => void
}

const STARS = [1, 2, 3, 4, 5]

/** 社会评分 of one service: 1–5 stars and an optional comment (200 characters), in a sheet of its own. */
export default function RateSheet({ orderId, title, myRating, onRated, onClose }: Props) {
  const write = useWrite()
  const [stars, setStars] = useState(myRating ?? 0)
  const [comment, setComment] = useState('')
  const [error, setError] = useState('')
  const [done, setDone] = useState(false)
  const busy = write.busy(`rate:${orderId}`)

  const submit = async () => {
    if (stars < 1) {
      setError('请选择1到5星')
      return
    }
    setError('')
    try {
      const answer = await write.run(`rate:${orderId}`, (requestId) => social.rate({ orderId, stars, comment, requestId }))
      if (!answer) return
      setDone(true)
      onRated(answer)
    } catch (err) {
      setError(failureOf(err))
    }
  }

  if (done) {
    return (
      <View className='card wall__sheet' role='status'>
        <Text className='wall__sheet-title'>感谢您的评价</Text>
        <Text className='muted'>您给「{title}」打了{stars}星，已计入社会评分。</Text>
        <Button className='btn' onClick={onClose}>
          关闭
        </Button>
      </View>
    )
  }
  return (
    <View className='card wall__sheet'>
      <Text className='wall__sheet-title'>社会评分：{title}</Text>
      {myRating !== null && <Text className='muted'>您评过{myRating}星，再评会替换原来的评分</Text>}
      <View className='wall__stars' role='radiogroup' aria-label='评分'>
        {STARS.map((n) => (
          <Text key={n} className={`wall__star${n <= stars ? ' wall__star--on' : ''}`} {...roleOf('radio', { on: n === stars, label: `${n}星` })} onClick={() => setStars(n)}>
            {n <= stars ? '★' : '☆'}
          </Text>
        ))}
      </View>
      <Field schema={schemas.public.rate} name='comment' label='评价（选填）' value={comment} onInput={setComment} placeholder='说说这次服务怎么样' multiline counter />
      {error && (
        <View className='field-error' role='alert'>
          {error}
        </View>
      )}
      <View className='wall__sheet-actions'>
        <Button className='btn btn--primary' disabled={busy} onClick={() => void submit()}>
          {busy ? '提交中…' : '提交评分'}
        </Button>
        <Button className='btn' onClick={onClose}>
          取消
        </Button>
      </View>
    </View>
  )
}
