// ECharts is importable and draws with the modules registered in charts/echarts.ts.
import { describe, expect, it } from 'vitest'
import { echarts } from './echarts'

describe('echarts setup', () => {
  it('renders a bar chart with the registered SVG renderer', () => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 300 })
    chart.setOption({
      xAxis: { type: 'category', data: ['绿', '白', '黄', '红'] },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: [12, 30, 4, 2] }],
    })
    const svg = chart.renderToSVGString()
    expect(svg).toMatch(/^<svg/)
    expect(svg).toContain('黄')
    chart.dispose()
  })
})
