import type { ChartOption } from './echarts'

/** Chart options of the statistics page, from the same rows its tables show. */

const RED = '#C8102E'
const GOLD = '#D4A017'
const GREY = '#8A8079'

export function funnelOption(steps: Array<{ label: string; value: number }>): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    color: [RED, '#D9462F', '#E07B39', GOLD, '#7A9A3A'],
    series: [
      {
        type: 'funnel',
        sort: 'none',
        minSize: '20%',
        label: { show: true, position: 'inside', formatter: '{b} {c}' },
        data: steps.map((s) => ({ name: s.label, value: s.value })),
      },
    ],
  }
}

export function trendOption(rows: Array<{ month: string; placed: number; served: number }>): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['点单', '完成'], top: 0 },
    grid: { left: 36, right: 12, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: rows.map((r) => `${Number(r.month.slice(5))}月`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '点单', type: 'line', data: rows.map((r) => r.placed), itemStyle: { color: RED } },
      { name: '完成', type: 'line', data: rows.map((r) => r.served), itemStyle: { color: GOLD } },
    ],
  }
}

export function barOption(rows: Array<{ name: string; placed: number; served: number }>): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['点单', '完成'], top: 0 },
    grid: { left: 96, right: 12, top: 32, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: { width: 88, overflow: 'truncate' } },
    series: [
      { name: '点单', type: 'bar', barMaxWidth: 16, data: rows.map((r) => r.placed), itemStyle: { color: RED } },
      { name: '完成', type: 'bar', barMaxWidth: 16, data: rows.map((r) => r.served), itemStyle: { color: GREY } },
    ],
  }
}
