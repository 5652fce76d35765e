/**
 * Ranking metrics with binary relevance, as used by scripts/eval-*.ts. For a ranked list L (best
 * first, 0-based positions) and a relevant set R:
 *   recall@k = |R ∩ L[0..k)| / |R|
 *   nDCG@k   = DCG@k / IDCG@k,  DCG@k = Σ_{p<k, L[p]∈R} 1 / log2(p + 2),
 *              IDCG@k = Σ_{p<min(k,|R|)} 1 / log2(p + 2)   (the best possible list)
 *   RR       = 1 / (1 + position of the first relevant item)   (0 when none is ranked)
 *   HR@k     = |R ∩ L[0..k)| / |R|   (per user; with several held-out likes this equals recall@k)
 */

/** Metrics of one ranking given the positions of its relevant items (Infinity when unranked). */
export function listMetrics(positions: readonly number[], nRelevant: number, k: number): { recall: number; ndcg: number; rr: number } {
  let hits = 0;
  let dcg = 0;
  let first = Infinity;
  for (const p of positions) {
    if (p < first) first = p;
    if (p < k) {
      hits++;
      dcg += 1 / Math.log2(p + 2);
    }
  }
  let idcg = 0;
  for (let p = 0; p < Math.min(k, nRelevant); p++) idcg += 1 / Math.log2(p + 2);
  return { recall: nRelevant ? hits / nRelevant : 0, ndcg: idcg ? dcg / idcg : 0, rr: Number.isFinite(first) ? 1 / (first + 1) : 0 };
}

/** recall@kR and nDCG@kN of a top list of movie ids against a relevant id set. */
export function topListMetrics(top: readonly number[], relevant: ReadonlySet<number>, kRecall: number, kNdcg: number): { recall: number; ndcg: number } {
  const pos: number[] = [];
  top.forEach((id, p) => {
    if (relevant.has(id)) pos.push(p);
  });
  return { recall: listMetrics(pos, relevant.size, kRecall).recall, ndcg: listMetrics(pos, relevant.size, kNdcg).ndcg };
}

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
