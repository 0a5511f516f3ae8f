import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OrderStatus } from '~types/domain'
import { STATUS_DESCRIPTIONS, STATUS_LABELS } from '~types/labels'
import Screen from '~src/components/Screen'
import StatusChip from '~src/components/StatusChip'
import { ROUTES } from '~src/routes'
import StepPicture, { type Picture } from './Pictures'
import './index.scss'

const STEPS: Array<{ picture: Picture; title: string; text: string }> = [
  { picture: 'phone', title: '点“我要点单”', text: '打开小程序，在首页点红色的“我要点单”。' },
  { picture: 'menu', title: '选一项服务', text: '在服务菜单里点您需要的服务。菜单里没有的，点“说说我的需求”，用自己的话写。' },
  { picture: 'form', title: '写上地址和电话', text: '写清楚在哪里、怎么联系您，再点“提交点单”。家里人或网格员也可以替您点。' },
  { picture: 'visit', title: '等志愿者上门', text: '站点派单后，志愿者会接单，打电话和您约时间。在“我的点单”里随时能看到办到哪一步了。' },
  { picture: 'stars', title: '给服务打星', text: '服务完了，点“去评单”，满意就多点几颗星，也可以说几句。' },
]

/** The order of the statuses as an order goes through them, then the ways it can stop. */
const STATUS_ORDER: OrderStatus[] = ['placed', 'dispatched', 'claimed', 'completed', 'rated', 'closed', 'rejected', 'cancelled']

/** 使用帮助: how to order, what each status means, and whom to call, in plain words with simple pictures. */
export default function Guide() {
  return (
    <Screen className='guide'>
      <View className='card'>
        <Text className='guide__heading'>怎么点单</Text>
        {STEPS.map((step, i) => (
          <View key={step.title} className='guide__step'>
            <StepPicture picture={step.picture} />
            <View className='guide__step-words'>
              <Text className='guide__step-title'>
                第{i + 1}步 {step.title}
              </Text>
              <Text className='guide__step-text'>{step.text}</Text>
            </View>
          </View>
        ))}
        <Button className='btn btn--primary' onClick={() => void Taro.navigateTo({ url: ROUTES.resident.menu })}>
          现在就去点单
        </Button>
      </View>

      <View className='card'>
        <Text className='guide__heading'>点单的状态是什么意思</Text>
        {STATUS_ORDER.map((status) => (
          <View key={status} className='guide__status'>
            <StatusChip status={status} />
            <Text className='guide__status-text'>{STATUS_DESCRIPTIONS[status]}</Text>
          </View>
        ))}
      </View>

      <View className='card'>
        <Text className='guide__heading'>有事找谁</Text>
        <Text className='guide__para'>点单的事，找您所在村（社区）的新时代文明实践站。点单页面上有站点的电话。</Text>
        <Text className='guide__para'>志愿者接单以后会给您打电话；您也可以在点单页面上找到志愿者的名字。</Text>
        <Text className='guide__para'>字太小看不清：到“我的”打开“大字模式”。</Text>
        <Text className='guide__para guide__urgent'>身体突然不舒服、有危险，请马上打 120（急救）或 110（报警），不要等志愿者。</Text>
        <Text className='muted'>{`一共有 ${STATUS_ORDER.length} 种状态：${STATUS_ORDER.map((s) => STATUS_LABELS[s]).join('、')}`}</Text>
      </View>
    </Screen>
  )
}
