/** Writes the k-fold assignment as CSV with original ids so other tools can replay the same folds. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LoadedRatings } from './load';

/** One line per rating in input order: `userId,movieId,rating,fold`, with a header. */
export function writeFoldsCsv(file: string, data: LoadedRatings, fold: Uint8Array): void {
  const { coo, userIds, movieIds } = data;
  const lines = ['userId,movieId,rating,fold'];
  for (let k = 0; k < coo.rating.length; k++) {
    lines.push(`${userIds[coo.user[k]!]},${movieIds[coo.item[k]!]},${coo.rating[k]},${fold[k]}`);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\n') + '\n');
}
