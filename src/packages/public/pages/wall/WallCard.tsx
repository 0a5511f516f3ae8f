import { Button, Image, Text, View } from '@tarojs/components'
import { pictureUrl } from '~src/services/photos'
import { calendarDay } from '~src/lib/time'
import { RATING_LABELS, type LikeAnswer, type WallItem } from '~types/social'
import LikeButton from './LikeButton'
import { toLogin } from './signIn'

interface Props {
  item: WallItem
  signedIn: boolean
  onLiked: (answer: LikeAnswer) => void
  onRate: () => void
}


/** One served order on the wall: what was done, where, by whom, its photos, 群众评分 and 社会评分 apart, 点赞 and 评分. */
export default function WallCard({ item, signedIn, onLiked, onRate }: Props) {
  return (
    <View className='card wall__card'>
      <Text className='wall__title'>{item.title}</Text>
      <Text className='muted'>
        {item.themeName} · {item.stationName}
      </Text>
      {item.teamNames.length > 0 && <Text className='wall__line'>服务队伍：{item.teamNames.join('、')}</Text>}
      <Text className='wall__line'>
        服务时间：{item.servedAt ? calendarDay(item.servedAt) : ''}
        {item.place ? ` · 地点：${item.place}` : ''}
      </Text>
      <Text className='wall__line'>服务对象：{item.residentMasked}</Text>
      {item.photos.length > 0 && (
        <View className='wall__photos'>
          {item.photos.map((p, i) => (
            <View key={p.id} role='img' aria-label={`${item.title}服务照片${i + 1}`} className='wall__photo'>
              <Image className='wall__photo-img' src={pictureUrl(p.src)} mode='aspectFill' aria-hidden='true' />
            </View>
          ))}
        </View>
      )}
      <View className='wall__ratings'>
        <Text className='wall__rating'>
          {RATING_LABELS.requester}：{item.requesterStars === null ? '暂无' : `${item.requesterStars}星`}
        </Text>
        <Text className='wall__rating'>
          {RATING_LABELS.public}：{item.publicAvg === null ? '暂无' : `${item.publicAvg}星（${item.publicCount}人评价）`}
        </Text>
      </View>
      {signedIn ? (
        <View className='wall__actions'>
          <LikeButton orderId={item.orderId} likes={item.likes} liked={item.liked ?? false} onAnswer={onLiked} />
          <Button className='btn' onClick={onRate}>
            {item.myRating ? `我的评分 ${item.myRating}星` : '评分'}
          </Button>
        </View>
      ) : (
        <View className='wall__actions'>
          <Text className='muted'>
            {RATING_LABELS.likes} {item.likes} · 登录后可点赞、评分
          </Text>
          <Button className='btn' onClick={toLogin}>
            登录
          </Button>
        </View>
      )}
    </View>
  )
}
