import { useEffect, useRef } from 'react'
import { View } from '@tarojs/components'
import { type ChartOption, echarts } from './echarts'

interface Props {
  id: string
  option: ChartOption
  height?: number
  /** the name of the item tapped (a bar's category), e.g. to drill into a unit */
  onTap?: (name: string) => void
}

/**
 * One chart on H5: ECharts on a div (canvas renderer). The mini-program build takes Chart.weapp.tsx instead, the same
 * props drawn on <Canvas type="2d">. The figures are always in the table under the chart too (大字模式, screen readers).
 */
export default function Chart({ id, option, height = 240, onTap }: Props) {
  const el = useRef<HTMLElement | null>(null)
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null)
  const tap = useRef(onTap)
  tap.current = onTap

  useEffect(() => {
    const dom = (el.current ?? document.getElementById(id)) as HTMLElement | null
    if (!dom) return
    const c = echarts.init(dom, undefined, { renderer: 'canvas' })
    c.on('click', (p: { name?: string }) => {
          if (p.name) tap.current?.(p.name)
        })
    chart.current = c
    const resize = () => c.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      c.dispose()
      chart.current = null
    }
  }, [id])

  useEffect(() => {
    chart.current?.setOption(option, true)
  }, [option])

  return <View id={id} ref={el as never} className='chart' style={{ height: `${height}px` }} aria-hidden='true' />
}
