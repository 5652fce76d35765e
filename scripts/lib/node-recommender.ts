/**
 * Node wiring of the recommender: the built data files in public/data, the CF model trained on
 * them, and USE-lite from node_modules — the same core and encoder as the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCatalogue, type Catalogue } from '../../src/core/catalogue/catalogue';
import { decodeRatings } from '../../src/core/catalogue/codec';
import { widenRatings } from '../../src/core/catalogue/extended';
import type { DataManifest, RatingsCOO } from '../../src/core/catalogue/types';
import { trainCf, type CfModel } from '../../src/core/cf/model';
import { trainEase, type EaseModel } from '../../src/core/topn/ease';
import { communityValue, TOPN_DEFAULTS } from '../../src/core/topn/input';
import { decodeMoods } from '../../src/core/mood/codec';
import { createRecommender, type RecommenderDeps } from '../../src/core/recommend';
import { decodeVectorsFile, type VectorSet } from '../../src/core/semantic/vectors-file';
import type { Embedder } from '../../src/ml/embedder';
import { loadUseLiteNode } from '../../src/ml/node/use-lite';
import { OUT_DIR } from '../paths';
import { readFullIndex } from '../pipeline/read-index';

export interface NodeData {
  manifest: DataManifest;
  catalogue: Catalogue;
  ratings: RatingsCOO;
  moods: Float32Array | null;
  vectors: VectorSet | null;
}

/** Reads the built artefacts; tells the user to run `npm run data` when they are missing. */
export function loadBuiltData(dir = OUT_DIR): NodeData {
  const need = (name: string) => {
    const p = join(dir, name);
    if (!existsSync(p)) throw new Error(`${p} is missing: run "npm run data" first`);
    return readFileSync(p);
  };
  const manifest = JSON.parse(need('manifest.json').toString('utf8')) as DataManifest;
  need('catalogue.json');
  const movies = readFullIndex(dir);
  const ratings = widenRatings(decodeRatings(need('ratings.bin')), movies.length);
  const moods = manifest.files['moods.bin'] ? decodeMoods(need('moods.bin'), { nMovies: movies.length }).scores : null;
  const vectors = manifest.encoder ? decodeVectorsFile(need(manifest.encoder.file)) : null;
  return { manifest, catalogue: createCatalogue(movies), ratings, moods, vectors };
}

/** Loads everything and returns `recommend` plus what it was built from. */
export async function nodeRecommender(opts: { data?: NodeData; cf?: CfModel; ranking?: EaseModel | null; withEncoder?: boolean } = {}) {
  const data = opts.data ?? loadBuiltData();
  const cf = opts.cf ?? trainCf(data.ratings);
  const ranking = opts.ranking === undefined ? trainEase(data.ratings, { lambda: TOPN_DEFAULTS.lambda, value: communityValue(TOPN_DEFAULTS.community) }) : opts.ranking;
  let embedder: Embedder | null = null;
  if (opts.withEncoder !== false && data.vectors) embedder = await loadUseLiteNode();
  const deps: RecommenderDeps = {
    catalogue: data.catalogue,
    vectors: data.vectors,
    moods: data.moods,
    cf,
    ranking,
    encoderId: embedder?.id ?? null,
    embed: embedder ? async (t) => (await embedder!.embed([t]))[0]! : null,
  };
  return { recommend: createRecommender(deps), data, cf, embedder };
}
