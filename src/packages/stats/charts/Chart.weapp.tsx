import { useEffect, useRef } from 'react'
import Taro, { useReady } from '@tarojs/taro'
import { Canvas } from '@tarojs/components'
import { type ChartOption, echarts } from './echarts'

interface Props {
  id: string
  option: ChartOption
  height?: number
  onTap?: (name: string) => void
}

type Touch = { x: number; y: number }
type CanvasNode = { width: number; height: number; getContext: (kind: '2d') => unknown }

/** What ECharts asks of a canvas, over the mini-program's canvas 2d node. */
function canvasAdapter(node: CanvasNode) {
  const ctx = node.getContext('2d')
  return {
    node,
    getContext: () => ctx,
    get width() {
      return node.width
    },
    set width(w: number) {
      node.width = w
    },
    get height() {
      return node.height
    },
    set height(h: number) {
      node.height = h
    },
    style: {},
    addEventListener() {},
    removeEventListener() {},
    attachEvent() {},
    detachEvent() {},
  }
}

/**
 * One chart in the mini-program: <Canvas type="2d">, found in useReady with a selector query scoped to the page,
 * then ECharts initialised on it at the screen's pixel ratio; touches are forwarded to ECharts so taps reach it.
 */
export default function Chart({ id, option, height = 240, onTap }: Props) {
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null)
  const latest = useRef(option)
  latest.current = option
  const tap = useRef(onTap)
  tap.current = onTap

  useReady(() => {
    const page = Taro.getCurrentInstance().page
    const query = Taro.createSelectorQuery()
    ;(page ? query.in(page as never) : query)
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node: CanvasNode; width: number; height: number } | null>) => {
        const found = res[0]
        if (!found?.node) return
        const dpr = Taro.getSystemInfoSync().pixelRatio
        found.node.width = found.width * dpr
        found.node.height = found.height * dpr
        echarts.setPlatformAPI({ createCanvas: () => canvasAdapter(found.node) as never })
        const c = echarts.init(canvasAdapter(found.node) as never, undefined, { width: found.width, height: found.height, devicePixelRatio: dpr })
        c.on('click', (p: { name?: string }) => {
          if (p.name) tap.current?.(p.name)
        })
        c.setOption(latest.current, true)
        chart.current = c
      })
  })

  useEffect(() => {
    chart.current?.setOption(option, true)
  }, [option])
  useEffect(() => () => chart.current?.dispose(), [])

  const forward = (type: string) => (e: { touches?: Touch[]; changedTouches?: Touch[] }) => {
    const t = (e.touches?.[0] ?? e.changedTouches?.[0]) as Touch | undefined
    if (!chart.current || !t) return
    const handler = (chart.current.getZr() as unknown as { handler: { dispatch: (n: string, ev: object) => void } }).handler
    handler.dispatch(type, { zrX: t.x, zrY: t.y, preventDefault() {}, stopImmediatePropagation() {}, stopPropagation() {} })
    if (type === 'mouseup') handler.dispatch('click', { zrX: t.x, zrY: t.y, preventDefault() {}, stopImmediatePropagation() {}, stopPropagation() {} })
  }

  return (
    <Canvas
      type='2d'
      id={id}
      canvasId={id}
      className='chart'
      style={{ width: '100%', height: `${height}px` }}
      onTouchStart={forward('mousedown') as never}
      onTouchMove={forward('mousemove') as never}
      onTouchEnd={forward('mouseup') as never}
    />
  )
}
