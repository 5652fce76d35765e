/**
 * `npm run plot:bandit`: draws data/out/bandit-curves.csv (written by `npm run bench:bandit`) as
 * PNG images with Chart.js in headless Chromium — cumulative reward and regret per policy over
 * rounds, one image per experiment, into data/out/.
 */
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROOT } from '../paths';

const csvPath = join(ROOT, 'data', 'out', 'bandit-curves.csv');
if (!existsSync(csvPath)) {
  console.error(`plot: ${csvPath} not found — run "npm run bench:bandit" first`);
  process.exit(1);
}
const rows = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
// The UMD build is not in chart.js's exports map: locate the package, then read the file.
const chartDir = dirname(dirname(createRequire(import.meta.url).resolve('chart.js')));
const chartJs = readFileSync(join(chartDir, 'dist', 'chart.umd.min.js'), 'utf8');
const COLORS = ['#888888', '#f5c518', '#4da3ff', '#e50914', '#46d369', '#b36bff', '#ff9f40', '#222222'];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 520 }, deviceScaleFactor: 1 });
for (const experiment of [...new Set(rows.map((r) => r[0]!))]) {
  const mine = rows.filter((r) => r[0] === experiment);
  const policies = [...new Set(mine.map((r) => r[2]!))];
  const series = (col: number) =>
    policies.map((p, i) => ({
      label: p,
      data: mine.filter((r) => r[2] === p).map((r) => ({ x: Number(r[1]), y: Number(r[col]) })),
      borderColor: COLORS[i % COLORS.length],
      pointRadius: 0,
      borderWidth: 2,
    }));
  const config = (title: string, col: number) => ({
    type: 'line',
    data: { datasets: series(col) },
    options: {
      animation: false,
      responsive: false,
      plugins: { title: { display: true, text: `${experiment}: ${title}` }, legend: { position: 'bottom' } },
      scales: { x: { type: 'linear', title: { display: true, text: 'round' } }, y: { title: { display: true, text: title } } },
    },
  });
  await page.setContent(
    `<html><body style="margin:0;background:#fff;display:flex"><canvas id="a" width="550" height="500"></canvas><canvas id="b" width="550" height="500"></canvas>
     <script>${chartJs}</script>
     <script>new Chart(document.getElementById('a'), ${JSON.stringify(config('cumulative reward', 3))});
             new Chart(document.getElementById('b'), ${JSON.stringify(config('cumulative regret', 5))});</script></body></html>`,
  );
  const out = join(ROOT, 'data', 'out', `bandit-${experiment}.png`);
  await page.screenshot({ path: out });
  console.log(`plot: wrote ${out}`);
}
await browser.close();
