import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { schemas } from '~types/schemas'
import Field from '~src/components/Field'
import FormFooter from '~src/components/FormFooter'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useDraft } from '~src/hooks/useDraft'
import { useOrder } from '~src/hooks/useOrder'
import { useParam } from '~src/hooks/useParam'
import { useSubmit } from '~src/hooks/useSubmit'
import { draftKey } from '~src/lib/drafts'
import { maxLengthOf } from '~src/lib/schemaLimits'
import { ROUTES, withQuery } from '~src/routes'
import * as order from '~src/services/order'
import { STAR_WORDS } from '../../stars'
import './index.scss'
import { returnTo } from '~src/lib/returnTo'
import { roleOf } from '~src/lib/roles'

const COMMENT_MAX = maxLengthOf(schemas.order.rate, 'comment')
const TAGS = ['准时到达', '态度热情', '专业细致', '解决了问题', '还需改进'] as const
const SEPARATOR = '，'

/** The comment with `tag` added at its end, or taken out when it is already there. */
function toggleTag(comment: string, tag: string): string {
  const parts = comment.split(SEPARATOR).map((p) => p.trim()).filter(Boolean)
  const next = parts.includes(tag) ? parts.filter((p) => p !== tag) : [...parts, tag]
  return next.join(SEPARATOR)
}

/** 评单: how the service went, in stars, a few tags and words. */
export default function Rate() {
  const id = useParam('id')
  const detail = useOrder(id)
  const rateForm = useSubmit(schemas.order.rate, order.rate, draftKey('rate', id))
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')
  // the answer sends the page away: until it has gone, the button stays busy
  const [rated, setRated] = useState(false)
  const draft = useDraft('rate', id, { stars, comment }, (d) => {
    if (d.stars) setStars(d.stars)
    if (d.comment) setComment(d.comment)
  })

  useEffect(() => {
    void detail.reload()
  }, [])

  const submit = async () => {
    if (rated) return
    const answer = await rateForm.submit(
      { orderId: id, stars, comment: comment.trim() },
      {
        refuse: () => (stars === 0 ? '请点星星打分' : ''),
        settle: async () => {
          const fresh = await detail.recover('rate')
          return fresh && { ...fresh, awards: [] }
        },
      },
    )
    if (!answer) return
    draft.clear()
    setRated(true)
    detail.apply(answer)
    void Taro.showToast({ title: '感谢您的评价', icon: 'success' })
    void returnTo(withQuery(ROUTES.resident.order, { id }))
  }

  const o = detail.data?.order
  const canRate = detail.data?.actions.includes('rate') ?? false
  const tagsInComment = comment.split(SEPARATOR).map((p) => p.trim())

  return (
    <Screen className='rate'>
      <StateView status={detail.status} error={detail.error} onRetry={() => void detail.reload()}>
        {o && (
          <View className='card'>
            <Text className='rate__title'>{o.title}</Text>
            {o.claims.length > 0 && <Text className='muted'>服务志愿者：{o.claims.map((c) => c.name).join('、')}</Text>}
          </View>
        )}
        {o && !canRate && (
          <View className='card state'>
            <Text className='state__text'>{o.rating ? '这一单已经评过了' : '这一单现在还不能评单'}</Text>
            <Button
              className='btn'
              onClick={() => void returnTo(withQuery(ROUTES.resident.order, { id }))}
            >
              查看点单
            </Button>
          </View>
        )}
        {o && canRate && (
          <>
            <View className='card'>
              <Text className='field-label'>服务满意吗？</Text>
              <View className='rate__stars' role='radiogroup' aria-label='服务满意吗'>
                {STAR_WORDS.map((word, i) => (
                  <View
                    key={word}
                    className={`rate__star${i < stars ? ' rate__star--on' : ''}`}
                    {...roleOf('radio', { on: i + 1 === stars, label: `${i + 1}星 ${word}` })}
                    onClick={() => setStars(i + 1)}
                  >
                    {i < stars ? '★' : '☆'}
                  </View>
                ))}
              </View>
              <Text className='rate__word'>{stars ? STAR_WORDS[stars - 1] : '点星星打分'}</Text>

              <Text className='field-label'>说说感受</Text>
              <View className='rate__tags'>
                {TAGS.map((tag) => (
                  <View
                    key={tag}
                    className={`rate__tag${tagsInComment.includes(tag) ? ' rate__tag--on' : ''}`}
                    {...roleOf('checkbox', { on: tagsInComment.includes(tag) })}
                    onClick={() => setComment((c) => toggleTag(c, tag).slice(0, COMMENT_MAX))}
                  >
                    {tag}
                  </View>
                ))}
              </View>
              <Field
                schema={schemas.order.rate}
                name='comment'
                multiline
                counter
                value={comment}
                placeholder='还想说点什么（可不填）'
                onInput={setComment}
              />
            </View>
            <FormFooter error={rateForm.error} retry={rateForm.retryable} busy={rateForm.busy || rated} label='提交评价' onSubmit={() => void submit()} />
          </>
        )}
      </StateView>
    </Screen>
  )
}
