import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { type Day, type WhenChoice, WHEN_LABELS, atChinaHour, dayLabel, hoursLeft, openDays, preferredAtOf, whenLabel } from './when'

interface Props {
  choice: WhenChoice
  /** the preferredAt chosen (null: 尽快) */
  value: string | null
  onChange: (choice: WhenChoice, preferredAt: string | null) => void
  /** the clock (tests set it) */
  now?: () => Date
}

const CHOICES: WhenChoice[] = ['soon', 'morning', 'afternoon', 'pick']

/**
 * 希望什么时候来: 尽快 (the default), 明天上午, 明天下午, or 选择时间 with a picker of our own — large buttons that
 * follow 大字模式, only the next PICKER_DAYS days and never a time already past (China time).
 */
export default function WhenPicker({ choice, value, onChange, now = () => new Date() }: Props) {
  const days = useMemo(() => openDays(now()), [choice])
  const [dayIndex, setDayIndex] = useState(0)
  const day: Day | undefined = days[Math.min(dayIndex, days.length - 1)]
  const hours = day ? hoursLeft(day, now()) : []

  const pick = (c: WhenChoice) => {
    if (c === 'pick') {
      setDayIndex(0)
      onChange('pick', null)
    } else onChange(c, preferredAtOf(c, now()))
  }

  return (
    <View className='when'>
      <View className='place__choices' role='radiogroup' aria-label='希望什么时候来'>
        {CHOICES.map((c) => (
          <View
            key={c}
            className={`place__choice${choice === c ? ' place__choice--on' : ''}`}
            role='radio'
            aria-checked={choice === c}
            onClick={() => pick(c)}
          >
            {WHEN_LABELS[c]}
          </View>
        ))}
      </View>
      {choice === 'pick' && day && (
        <View className='when__panel'>
          <View className='when__day'>
            <View
              className={`when__step${dayIndex === 0 ? ' when__step--off' : ''}`}
              role='button'
              aria-label='前一天'
              aria-disabled={dayIndex === 0}
              onClick={() => dayIndex > 0 && setDayIndex(dayIndex - 1)}
            >
              前一天
            </View>
            <Text className='when__day-label'>{dayLabel(day)}</Text>
            <View
              className={`when__step${dayIndex >= days.length - 1 ? ' when__step--off' : ''}`}
              role='button'
              aria-label='后一天'
              aria-disabled={dayIndex >= days.length - 1}
              onClick={() => dayIndex < days.length - 1 && setDayIndex(dayIndex + 1)}
            >
              后一天
            </View>
          </View>
          <View className='when__hours' role='radiogroup' aria-label='几点'>
            {hours.map((h) => {
              const at = atChinaHour(day, h)
              const on = value !== null && Date.parse(value) === Date.parse(at)
              return (
                <View key={h} className={`when__hour${on ? ' when__hour--on' : ''}`} role='radio' aria-checked={on} onClick={() => onChange('pick', at)}>
                  {`${h}:00`}
                </View>
              )
            })}
          </View>
        </View>
      )}
      <Text className='muted when__summary'>{value ? `期望 ${whenLabel(value)}` : choice === 'pick' ? '请选择日期和时间' : '尽快安排，不指定时间'}</Text>
    </View>
  )
}
