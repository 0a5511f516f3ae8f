/**
 * The custom ECharts 6 build of the statistics page: only the charts and components it draws (bar, line, funnel;
 * grid, tooltip, legend) on the canvas renderer, so the subpackage carries about half of the full library and the
 * main package none of it (issue 9; field notes §6).
 */
import * as echarts from 'echarts/core'
import { BarChart, FunnelChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { echarts }
export type ChartOption = echarts.EChartsCoreOption
