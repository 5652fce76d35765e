/**
 * `npm run data`: builds the catalogue artefacts from MovieLens + Wikipedia into public/data/.
 * The raw data sets are read from a local folder, or downloaded once into data/raw/
 * (scripts/pipeline/fetch.ts). `--if-stale` skips the work when the inputs and the pipeline code
 * are unchanged; `--fetch-only` stops once the raw data is in place (`npm test` does that before the
 * unit tests, which read it).
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONTENT_DIMS } from '../src/core/content/limits';
import { encodePeople } from '../src/core/people/people';
import { encodeCatalogueDetails, encodeCatalogueIndex, encodeRatings } from '../src/core/catalogue/codec';
import { DATA_SCHEMA_VERSION, type DataManifest } from '../src/core/catalogue/types';
import { OUT_DIR, ROOT } from './paths';
import { buildCatalogue } from './pipeline/build';
import { catalogueKind, extendedLimit } from './pipeline/extended';
import { EXTENDED_FILE } from './pipeline/read-index';
import { DataError } from './pipeline/errors';
import { ensureRawData, RawDataError } from './pipeline/fetch';
import { loadMovieLens } from './pipeline/movielens';
import { loadWikipedia } from './pipeline/wikipedia';
import { readManifest, sha256, writeAll } from './pipeline/write';

/** Fingerprint of everything the output depends on: input files (name, size, mtime) and pipeline code. */
function fingerprint(MOVIELENS_DIR: string, WIKIPEDIA_DIR: string, variant: string): string {
  const parts: string[] = [String(DATA_SCHEMA_VERSION), variant];
  for (const dir of [MOVIELENS_DIR, WIKIPEDIA_DIR]) {
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((f) => /\.(csv|json)$/.test(f)).sort();
    } catch {
      parts.push(`${dir}:missing`);
    }
    for (const f of names) {
      const s = statSync(join(dir, f));
      parts.push(`${f}:${s.size}:${s.mtimeMs}`);
    }
  }
  for (const dir of ['scripts/pipeline', 'src/core/catalogue', 'src/core/people', 'src/core/content', 'src/core/query']) {
    for (const f of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts')).sort()) {
      parts.push(sha256(readFileSync(join(ROOT, dir, f))));
    }
  }
  return sha256(parts.join('\n'));
}

async function main(): Promise<void> {
  const ifStale = process.argv.includes('--if-stale');
  const { movielens: MOVIELENS_DIR, wikipedia: WIKIPEDIA_DIR } = await ensureRawData({ root: ROOT });
  if (process.argv.includes('--fetch-only')) {
    console.log(`data: raw data in ${MOVIELENS_DIR} and ${WIKIPEDIA_DIR}`);
    return;
  }
  const kind = catalogueKind(process.argv.slice(2), process.env);
  const limit = kind === 'extended' ? extendedLimit(process.env) : undefined;
  const inputs = fingerprint(MOVIELENS_DIR, WIKIPEDIA_DIR, `${kind}:${limit ?? 'all'}`);
  const old = readManifest(OUT_DIR);
  if (ifStale && old?.inputs === inputs && old.schemaVersion === DATA_SCHEMA_VERSION) {
    console.log(`data: up to date (${relative(ROOT, OUT_DIR) || OUT_DIR})`);
    return;
  }
  const t0 = performance.now();
  console.log(`data: reading MovieLens from ${MOVIELENS_DIR}`);
  const ml = loadMovieLens(MOVIELENS_DIR);
  console.log(`data: reading Wikipedia extracts from ${WIKIPEDIA_DIR}`);
  const wiki = loadWikipedia(WIKIPEDIA_DIR);
  const built = buildCatalogue(ml, wiki, kind === 'extended' ? { extended: { limit } } : {});
  const nBase = built.index.length - built.extended;

  const extendedFiles: Record<string, string> = {};
  // Content-only entries go in their own file, loaded after first paint; every other file covers base + extended.
  if (built.extended > 0) extendedFiles[EXTENDED_FILE] = JSON.stringify(encodeCatalogueIndex(built.index.slice(nBase), DATA_SCHEMA_VERSION));
  const files = writeAll(OUT_DIR, {
    'catalogue.json': JSON.stringify(encodeCatalogueIndex(built.index.slice(0, nBase), DATA_SCHEMA_VERSION)),
    ...extendedFiles,
    'details.json': JSON.stringify(encodeCatalogueDetails(built.details, DATA_SCHEMA_VERSION)),
    'ratings.bin': encodeRatings(built.ratings),
    'people.json': JSON.stringify(encodePeople(built.cast, built.directors, DATA_SCHEMA_VERSION)),
    'content.json': JSON.stringify({ v: DATA_SCHEMA_VERSION, dims: CONTENT_DIMS, levels: built.content, topics: built.topics }),
  });
  if (built.extended === 0) rmSync(join(OUT_DIR, EXTENDED_FILE), { force: true });
  const manifest: DataManifest & { inputs: string } = {
    schemaVersion: DATA_SCHEMA_VERSION,
    builtAt: new Date().toISOString(),
    counts: {
      movies: built.index.length,
      ratings: ml.ratings.length,
      users: built.userIds.length,
      tags: ml.tags.length,
      withExtract: built.withExtract,
      ...(built.extended ? { extended: built.extended } : {}),
    },
    files,
    inputs,
  };
  writeAll(OUT_DIR, { 'manifest.json': JSON.stringify(manifest, null, 2) });
  const pct = ((100 * built.withExtract) / nBase).toFixed(1);
  console.log(
    `data: ${nBase} movies, ${ml.ratings.length} ratings by ${built.userIds.length} users, ` +
      `${ml.tags.length} tags; Wikipedia extract for ${built.withExtract} movies (${pct}%) ` +
      `in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${relative(ROOT, OUT_DIR)}`,
  );
  if (built.extended > 0) {
    const recent = built.index.slice(nBase).filter((m) => (m.year ?? 0) >= 2019).length;
    console.log(
      `data: extended catalogue: ${built.extended} content-only Wikipedia films (${recent} from 2019 on)` +
        `${limit !== undefined ? ` — limited to ${limit} by RECOSTREAM_EXTENDED_LIMIT` : ''}; ${built.steppedIds} ids stepped past a hash collision`,
    );
  }
  const withCast = built.cast.filter((c) => c.length > 0).length;
  const withDirector = built.directors.filter((d) => d.length > 0).length;
  console.log(`data: cast for ${withCast} movies, director for ${withDirector} (people.json ${(files['people.json']!.bytes / 1024).toFixed(0)} KB)`);
}

main().catch((err: unknown) => {
  if (err instanceof RawDataError) {
    console.error(err.message.replace(/^/gm, 'data: '));
    console.error('data: nothing was written.');
  } else if (err instanceof DataError) {
    console.error(`data: ${err.message}`);
    console.error('data: nothing was written. Set RECOSTREAM_DATA_DIR to the folder holding movielens-latest-small/ and wikipedia-movie-data/.');
  } else {
    throw err; // a bug: keep its stack
  }
  process.exit(1);
});
