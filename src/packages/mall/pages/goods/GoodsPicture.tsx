import { Button, Image, Text, View } from '@tarojs/components'
import { newPhotoRequestId, pickPhotos, pictureUrl, uploadGoodsPicture } from '~src/services/photos'
import { toApiCallError } from '~src/services/transport'

/** The goods' picture in the form: none, the one it has, or a new one uploading, uploaded or failed. */
export interface PictureState {
  id: string | null
  preview: string | null
  status: 'idle' | 'uploading' | 'failed'
  error?: string
}

export const pictureOf = (goods?: { pictureId?: string | null; pictureSrc?: string | null }): PictureState => ({
  id: goods?.pictureId ?? null,
  preview: goods?.pictureSrc ? pictureUrl(goods.pictureSrc) : null,
  status: 'idle',
})

/**
 * 商品图片 (选填): one picture, picked and uploaded at once as a goods picture of the unit (compressed like the
 * completion form's photos: services/photos.ts), replaced or removed before saving.
 */
export default function GoodsPicture({ unitId, value, onChange }: { unitId: string; value: PictureState; onChange: (p: PictureState) => void }) {
  const choose = async () => {
    const [picked] = await pickPhotos(1)
    if (!picked) return
    // one request id per picked picture: its retries (inside the upload) land on the same upload
    const rid = newPhotoRequestId()
    onChange({ id: null, preview: picked.preview, status: 'uploading' })
    try {
      const uploaded = await uploadGoodsPicture(unitId, picked, rid)
      onChange({ id: uploaded.id, preview: picked.preview, status: 'idle' })
    } catch (err) {
      // the picture it had stays
      onChange({ ...value, status: 'failed', error: toApiCallError(err).message })
    }
  }
  return (
    <View className='mall__picture-field'>
      <Text className='field-label'>商品图片（选填）</Text>
      {value.preview && (
        <View role='img' aria-label='商品图片'>
          <Image className='mall__picture' src={value.preview} mode='aspectFill' aria-hidden='true' />
        </View>
      )}
      {value.status === 'uploading' && <Text className='muted'>图片上传中…</Text>}
      {value.status === 'failed' && (
        <View className='field-error' role='alert'>
          {value.error}
        </View>
      )}
      <View className='mall__actions'>
        <Button className='btn' disabled={value.status === 'uploading'} onClick={() => void choose()}>
          {value.preview ? '换一张' : '选择图片'}
        </Button>
        {value.preview && value.status !== 'uploading' && (
          <Button className='btn' onClick={() => onChange({ id: null, preview: null, status: 'idle' })}>
            移除图片
          </Button>
        )}
      </View>
      <Text className='muted'>图片经内容安全审核通过后才对群众显示</Text>
    </View>
  )
}
