// ECharts, tree-shaken to what the dashboards use: bar, line, pie and heat-map charts drawn
// with the SVG renderer (crisp text, smaller bundle than canvas + SVG).
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
])

export type ChartOption = echarts.EChartsCoreOption
export { echarts }
