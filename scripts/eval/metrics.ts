/**
 * Evaluation helpers for scripts/eval-*.ts. The ranking metrics (recall@k, nDCG@k, RR; HR@k per
 * user equals recall@k with several held-out likes) are the core's, src/core/eval/metrics.ts;
 * this file adds the statistics and the slow reference rankings the scripts print.
 */

export { listMetrics, topListMetrics } from '../../src/core/eval/metrics';

/** Mean and standard error of the mean. */
export function meanSe(xs: readonly number[]): { mean: number; se: number } {
  const n = xs.length;
  if (n === 0) return { mean: NaN, se: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, se: NaN };
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(v / n) };
}

/** Paired comparison of b against a: wins/ties/losses of b and the mean difference b − a ± s.e. */
export function paired(a: readonly number[], b: readonly number[], eps = 1e-9): { wins: number; ties: number; losses: number; mean: number; se: number } {
  const d = a.map((x, i) => b[i]! - x);
  const { mean, se } = meanSe(d);
  return { wins: d.filter((x) => x > eps).length, ties: d.filter((x) => Math.abs(x) <= eps).length, losses: d.filter((x) => x < -eps).length, mean, se };
}

/** Indices of `scores` sorted descending, ties by a secondary key descending, then index ascending; top `k` only. */
export function topIndices(scores: ArrayLike<number>, k: number, tie?: ArrayLike<number>, eligible?: (i: number) => boolean): number[] {
  if (k > 200) {
    const all: number[] = [];
    for (let i = 0; i < scores.length; i++) if (!eligible || eligible(i)) all.push(i);
    all.sort((i, j) => scores[j]! - scores[i]! || (tie?.[j] ?? 0) - (tie?.[i] ?? 0) || i - j);
    return all.slice(0, k);
  }
  const out: number[] = [];
  const better = (i: number, j: number) => scores[i]! > scores[j]! || (scores[i] === scores[j] && ((tie?.[i] ?? 0) > (tie?.[j] ?? 0) || ((tie?.[i] ?? 0) === (tie?.[j] ?? 0) && i < j)));
  for (let i = 0; i < scores.length; i++) {
    if (eligible && !eligible(i)) continue;
    if (out.length === k && !better(i, out[k - 1]!)) continue;
    let p = out.length === k ? k - 1 : out.length;
    while (p > 0 && better(i, out[p - 1]!)) {
      out[p] = out[p - 1]!;
      p--;
    }
    out[p] = i;
  }
  return out;
}

/** Reciprocal-rank fusion: Σ over rankings of 1 / (c + 1 + position), from full score arrays. */
export function rrfScores(scoreSets: readonly ArrayLike<number>[], tie: ArrayLike<number>, c = 60): Float64Array {
  const n = scoreSets[0]?.length ?? 0;
  const out = new Float64Array(n);
  for (const s of scoreSets) {
    const order = topIndices(s, n, tie);
    order.forEach((i, p) => (out[i]! += 1 / (c + 1 + p)));
  }
  return out;
}
