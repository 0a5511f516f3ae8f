import { Button, Image, Text, View } from '@tarojs/components'
import { PHOTOS_MAX } from '~types/uploads'
import type { FormPhoto } from './usePhotoUploads'

interface Props {
  photos: FormPhoto[]
  full: boolean
  onAdd: () => void
  onRetry: (key: string) => void
  onRemove: (key: string) => void
}

/** 活动照片: thumbnails with each one's upload state, 重试 for a failed one, 删除, and 添加照片 up to PHOTOS_MAX. */
export default function PhotoPicker({ photos, full, onAdd, onRetry, onRemove }: Props) {
  return (
    <View className='photos'>
      <Text className='field-label'>
        活动照片（选填，最多{PHOTOS_MAX}张）
      </Text>
      <View className='photos__grid'>
        {photos.map((p, i) => (
          <View key={p.key} className={`photos__item photos__item--${p.status}`}>
            <Image className='photos__thumb' src={p.picked.preview} mode='aspectFill' ariaLabel={`第${i + 1}张照片`} />
            {p.status === 'uploading' && <Text className='photos__state'>上传中 {p.progress}%</Text>}
            {p.status === 'failed' && <Text className='photos__state photos__state--failed'>{p.error || '上传失败'}</Text>}
            <View className='photos__actions'>
              {p.status === 'failed' && (
                <Button className='btn photos__btn' onClick={() => onRetry(p.key)}>
                  重试
                </Button>
              )}
              <Button className='btn photos__btn photos__remove' ariaLabel={`删除第${i + 1}张照片`} onClick={() => onRemove(p.key)}>
                删除
              </Button>
            </View>
          </View>
        ))}
      </View>
      <Button className='btn photos__add' disabled={full} onClick={onAdd}>
        {full ? `已选${PHOTOS_MAX}张` : `添加照片（${photos.length}/${PHOTOS_MAX}）`}
      </Button>
      <Text className='muted'>照片只给这张订单的群众、志愿者和管理员看，通过内容安全审核后才可能公开展示</Text>
    </View>
  )
}
