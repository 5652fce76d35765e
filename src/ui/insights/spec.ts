/** Chart-library-free descriptions of the Insights charts, so the page and its tables never touch Chart.js. */

/** Theme colours a dataset may use (CSS variables of src/ui/common/theme.css). */
export type ThemeToken = 'accent' | 'ok' | 'warn' | 'danger' | 'focus' | 'muted' | 'fg';

export interface DatasetSpec {
  label: string;
  data: (number | null)[];
  color: ThemeToken;
  /** Dash pattern for lines, so series differ by more than colour. */
  dash?: number[];
}

export interface ChartSpec {
  type: 'bar' | 'line';
  labels: string[];
  datasets: DatasetSpec[];
  /** Horizontal bars (long category names). */
  horizontal?: boolean;
  stacked?: boolean;
  valueAxis?: { title?: string; percent?: boolean; min?: number; max?: number; integer?: boolean };
  categoryAxis?: { title?: string };
}

export interface TableSpec {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

/** One chart on the page: what it shows, how it is summarised for screen readers, and its data table. */
export interface ChartView {
  id: string;
  title: string;
  /** One-sentence summary: the canvas's aria-label. */
  summary: string;
  /** A helpful sentence instead of the chart when there is nothing to show yet. */
  empty: string | null;
  spec: ChartSpec;
  table: TableSpec;
  /** Optional line under the title. */
  note?: string;
  /** Canvas height in pixels (default 280). */
  height?: number;
}
