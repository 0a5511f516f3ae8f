import { useState } from 'react'
import { Button, View } from '@tarojs/components'
import { useWrite } from '~src/hooks/useWrite'
import * as social from '~src/services/social'
import type { LikeAnswer } from '~types/social'
import { failureOf } from './signIn'

interface Props {
  orderId: string
  likes: number
  liked: boolean
  onAnswer: (answer: LikeAnswer) => void
}

/**
 * 点赞: shown pressed at once on a tap (optimistic), then the server's answer replaces it (its count and state); a
 * failure puts back what the server said before and says why.
 */
export default function LikeButton({ orderId, likes, liked, onAnswer }: Props) {
  const write = useWrite()
  const [shown, setShown] = useState<{ likes: number; liked: boolean } | null>(null)
  const [error, setError] = useState('')
  const now = shown ?? { likes, liked }
  const toggle = async () => {
    const want = !now.liked
    setError('')
    setShown({ liked: want, likes: Math.max(0, now.likes + (want ? 1 : -1)) })
    try {
      const answer = await write.run(`like:${orderId}:${want}`, (rid) => (want ? social.like(orderId, rid) : social.unlike(orderId, rid)))
      if (answer) onAnswer(answer)
    } catch (err) {
      setError(failureOf(err))
    } finally {
      setShown(null)
    }
  }
  return (
    <View className='wall__like'>
      <Button className={`btn wall__like-btn${now.liked ? ' wall__like-btn--on' : ''}`} aria-pressed={now.liked} onClick={() => void toggle()}>
        {now.liked ? '已赞' : '点赞'} {now.likes}
      </Button>
      {error && (
        <View className='field-error' role='alert'>
          {error}
        </View>
      )}
    </View>
  )
}
