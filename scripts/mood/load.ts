/** Loads what the mood scripts need: the built catalogue and details, and the raw MovieLens tags. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCatalogueDetails } from '../../src/core/catalogue/codec';
import type { MovieDetails, MovieIndexEntry } from '../../src/core/catalogue/types';
import { DataError } from '../pipeline/errors';
import { parseTags, readText } from '../pipeline/movielens';
import { readFullIndex } from '../pipeline/read-index';

export interface MoodInputs {
  index: MovieIndexEntry[];
  details: MovieDetails[];
  /** Raw user tags per catalogue row (trimmed, original case, one entry per user tagging). */
  tags: string[][];
  tagsFile: string;
}

function readJson(file: string): unknown {
  if (!existsSync(file)) throw new DataError(file, null, 'file not found (run `npm run data` first)');
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Reads catalogue.json and details.json from `outDir` and tags.csv from `movielensDir`. */
export function loadMoodInputs(outDir: string, movielensDir: string): MoodInputs {
  readJson(join(outDir, 'catalogue.json')); // a clear message when the catalogue was never built
  const index = readFullIndex(outDir);
  const ids = index.map((m) => m.id);
  const details = decodeCatalogueDetails(readJson(join(outDir, 'details.json')), ids);
  const tagsFile = join(movielensDir, 'tags.csv');
  const rowOf = new Map(ids.map((id, i) => [id, i]));
  const tags: string[][] = index.map(() => []);
  for (const t of parseTags(tagsFile, readText(tagsFile), new Set(ids))) {
    if (t.tag) tags[rowOf.get(t.movieId)!]!.push(t.tag);
  }
  return { index, details, tags, tagsFile };
}
