/** Reads the built catalogue index from an output folder: the MovieLens part, then any content-only entries. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCatalogueIndex, decodeExtendedIndex } from '../../src/core/catalogue/codec';
import type { MovieIndexEntry } from '../../src/core/catalogue/types';
import { readManifest } from './write';

export const EXTENDED_FILE = 'catalogue-extended.json';

/** Base index + extended entries when the manifest lists `catalogue-extended.json` (item order of every aligned file). */
export function readFullIndex(dir: string): MovieIndexEntry[] {
  const base = decodeCatalogueIndex(JSON.parse(readFileSync(join(dir, 'catalogue.json'), 'utf8')));
  const listed = readManifest(dir)?.files[EXTENDED_FILE];
  if (!listed || !existsSync(join(dir, EXTENDED_FILE))) return base;
  const ext = decodeExtendedIndex(JSON.parse(readFileSync(join(dir, EXTENDED_FILE), 'utf8')), new Set(base.map((m) => m.id)));
  return [...base, ...ext];
}
