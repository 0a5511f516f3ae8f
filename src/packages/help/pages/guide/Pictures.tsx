import { Text, View } from '@tarojs/components'

/**
 * The guide's simple pictures, drawn with CSS (no image files): a phone with the 我要点单 button, a menu list, a
 * form with its button, a volunteer at the door, five stars. Decorative: the words beside them say it all.
 */
export type Picture = 'phone' | 'menu' | 'form' | 'visit' | 'stars'

export default function StepPicture({ picture }: { picture: Picture }) {
  return (
    <View className={`guide-pic guide-pic--${picture}`} aria-hidden='true'>
      {picture === 'phone' && (
        <View className='guide-pic__phone'>
          <View className='guide-pic__bar guide-pic__bar--red' />
          <View className='guide-pic__bar' />
          <View className='guide-pic__bar' />
        </View>
      )}
      {picture === 'menu' && (
        <View className='guide-pic__sheet'>
          <View className='guide-pic__row'><View className='guide-pic__dot' /><View className='guide-pic__bar' /></View>
          <View className='guide-pic__row'><View className='guide-pic__dot guide-pic__dot--red' /><View className='guide-pic__bar guide-pic__bar--red' /></View>
          <View className='guide-pic__row'><View className='guide-pic__dot' /><View className='guide-pic__bar' /></View>
        </View>
      )}
      {picture === 'form' && (
        <View className='guide-pic__sheet'>
          <View className='guide-pic__field' />
          <View className='guide-pic__field' />
          <View className='guide-pic__bar guide-pic__bar--red guide-pic__bar--button' />
        </View>
      )}
      {picture === 'visit' && (
        <View className='guide-pic__people'>
          <View className='guide-pic__person guide-pic__person--red'>
            <View className='guide-pic__head' />
            <View className='guide-pic__body' />
          </View>
          <View className='guide-pic__person'>
            <View className='guide-pic__head' />
            <View className='guide-pic__body' />
          </View>
        </View>
      )}
      {picture === 'stars' && <Text className='guide-pic__stars'>★★★★★</Text>}
    </View>
  )
}
