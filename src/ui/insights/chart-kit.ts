/**
 * Chart.js, loaded only by the Insights page (dynamic import), with only the pieces it uses
 * registered: bar and line charts on category and linear scales, legend and tooltips.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import type { ChartSpec } from './spec';
import type { ThemeColours } from './theme';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Builds a Chart.js configuration from a spec, in the theme's colours. */
export function toConfig(spec: ChartSpec, theme: ThemeColours): ChartConfiguration<'bar' | 'line', (number | null)[], string> {
  const many = spec.labels.length > 40;
  const datasets = spec.datasets.map((d): ChartDataset<'bar' | 'line', (number | null)[]> => {
    const colour = theme[d.color];
    return spec.type === 'line'
      ? { type: 'line', label: d.label, data: d.data, borderColor: colour, backgroundColor: colour, borderWidth: 2, borderDash: d.dash ?? [], pointRadius: many ? 0 : 2, tension: 0.25, spanGaps: true }
      : { type: 'bar', label: d.label, data: d.data, backgroundColor: colour, borderColor: colour, borderWidth: 0, maxBarThickness: 28 };
  });
  const value = spec.valueAxis ?? {};
  const valueScale = {
    stacked: spec.stacked ?? false,
    ...(value.min !== undefined ? { min: value.min } : {}),
    ...(value.max !== undefined ? { max: value.max } : {}),
    beginAtZero: true,
    grid: { color: theme.border },
    border: { color: theme.border },
    ticks: {
      color: theme.fg,
      ...(value.integer ? { precision: 0 } : {}),
      callback: (v: string | number) => (value.percent ? `${v}%` : v),
    },
    title: { display: !!value.title, text: value.title ?? '', color: theme.fg },
  };
  const categoryScale = {
    stacked: spec.stacked ?? false,
    grid: { display: false },
    border: { color: theme.border },
    ticks: { color: theme.fg, autoSkip: spec.horizontal ? false : spec.labels.length > 12, maxTicksLimit: spec.horizontal ? undefined : 12, maxRotation: spec.horizontal ? 0 : 45 },
    title: { display: !!spec.categoryAxis?.title, text: spec.categoryAxis?.title ?? '', color: theme.fg },
  };
  return {
    type: spec.type,
    data: { labels: spec.labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      interaction: { mode: 'index', intersect: false },
      scales: spec.horizontal ? { x: valueScale, y: categoryScale } : { x: categoryScale, y: valueScale },
      plugins: {
        legend: { display: spec.datasets.length > 1, labels: { color: theme.fg, boxWidth: 14 } },
        tooltip: {
          callbacks: value.percent ? { label: (c) => `${c.dataset.label}: ${c.formattedValue}%` } : {},
        },
      },
    },
  };
}

export { Chart };
