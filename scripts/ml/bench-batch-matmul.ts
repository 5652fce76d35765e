/**
 * `npx tsx scripts/ml/bench-batch-matmul.ts [--every 40] [--rounds 3]`: CPU time per catalogue text
 * of USE-lite on one thread, with tfjs' own wasm BatchMatMul kernel against the split one
 * (src/ml/use-lite/batch-matmul.ts), interleaved round by round on the same texts (every Nth
 * catalogue text, in the embedding pool's batches of 16) so both see the same machine load; and how
 * far the two vectors of each text are apart.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadUseLiteNode } from '../../src/ml/node/use-lite';
import { OUT_DIR } from '../paths';
import { catalogueTextsFrom } from './catalogue-texts';

const { values: args } = parseArgs({ options: { every: { type: 'string', default: '40' }, rounds: { type: 'string', default: '3' } } });
const every = Number(args.every);
const rounds = Number(args.rounds);

const texts = catalogueTextsFrom(OUT_DIR).filter((_, i) => i % every === 0);
const original = { ...tf.getKernel(tf.BatchMatMul, 'wasm')! };
const embedder = await loadUseLiteNode({ maxTokens: 96 }); // installs the split kernel
const split = { ...tf.getKernel(tf.BatchMatMul, 'wasm')! };
const use = (k: tf.KernelConfig) => {
  tf.unregisterKernel(tf.BatchMatMul, 'wasm');
  tf.registerKernel(k);
};
const order = texts.map((_, i) => i).sort((a, b) => texts[b]!.length - texts[a]!.length);

async function run(): Promise<{ msPerText: number; vectors: Float32Array[] }> {
  const c0 = process.cpuUsage();
  const vectors: Float32Array[] = [];
  for (let i = 0; i < order.length; i += 16) vectors.push(...(await embedder.embed(order.slice(i, i + 16).map((j) => texts[j]!))));
  const c = process.cpuUsage(c0);
  return { msPerText: (c.user + c.system) / 1000 / texts.length, vectors };
}

const meanSe = (x: number[]) => {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, x.length - 1));
  return `${m.toFixed(1)} ± ${(sd / Math.sqrt(x.length)).toFixed(1)}`;
};

const load0 = loadavg()[0]!;
await run(); // warm-up
const ms = { original: [] as number[], split: [] as number[] };
let a: Float32Array[] = [];
let b: Float32Array[] = [];
for (let r = 0; r < rounds; r++) {
  use(original);
  const x = await run();
  ms.original.push(x.msPerText);
  a = x.vectors;
  use(split);
  const y = await run();
  ms.split.push(y.msPerText);
  b = y.vectors;
}
let maxDiff = 0;
let minCos = 1;
a.forEach((v, i) => {
  let dot = 0;
  for (let j = 0; j < v.length; j++) {
    maxDiff = Math.max(maxDiff, Math.abs(v[j]! - b[i]![j]!));
    dot += v[j]! * b[i]![j]!;
  }
  minCos = Math.min(minCos, dot);
});
console.log(`bench-batch-matmul: ${texts.length} catalogue texts × ${rounds} rounds, one thread; 1-min load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`);
console.log(`  CPU ms per text (mean ± s.e. over rounds): tfjs kernel ${meanSe(ms.original)}, split kernel ${meanSe(ms.split)}`);
console.log(`  vectors: max |difference| ${maxDiff.toExponential(2)}, min cosine ${minCos.toFixed(8)}`);
