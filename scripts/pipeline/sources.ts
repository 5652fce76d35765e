/**
 * The two raw data sets, pinned: every file the build reads, with its size and sha256 (computed from
 * the reference copies in ../shared/data, see their PROVENANCE.md), where each source is downloaded
 * from, and the order in which local folders are tried.
 *
 * Order per source: its own folder variable (RECOSTREAM_MOVIELENS_DIR / RECOSTREAM_WIKIPEDIA_DIR,
 * used as given), then RECOSTREAM_DATA_DIR/<folder>, then ../shared/data/<folder>, then the
 * git-ignored download cache data/raw/<folder>, then a download into that cache (scripts/pipeline/fetch.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface PinnedFile {
  name: string;
  bytes: number;
  sha256: string;
}

export type SourceKey = 'movielens' | 'wikipedia';

export interface SourceSpec {
  key: SourceKey;
  label: string;
  /** Folder name under a data root (RECOSTREAM_DATA_DIR, ../shared/data, data/raw). */
  folder: string;
  dirVar: string;
  urlVar: string;
  /** Licence terms, printed where the download happens (and stated in the README). */
  licence: string;
  files: readonly PinnedFile[];
  download:
    | { kind: 'zip'; url: string; zipName: string; prefix: string }
    | { kind: 'files'; baseUrl: string; mirrorFolder: string };
}

/** GroupLens' canonical archive of MovieLens latest-small (2018). Its own hash is not pinned: its contents are. */
export const MOVIELENS_ZIP_URL = 'https://files.grouplens.org/datasets/movielens/ml-latest-small.zip';
/** prust/wikipedia-movie-data at the commit the reference copies come from (2023-04-19). */
export const WIKIPEDIA_COMMIT = '91ae721d3672e8ef4f15b213c763a634250ef61a';
export const WIKIPEDIA_BASE_URL = `https://raw.githubusercontent.com/prust/wikipedia-movie-data/${WIKIPEDIA_COMMIT}/`;

export const MOVIELENS: SourceSpec = {
  key: 'movielens',
  label: 'MovieLens latest-small',
  folder: 'movielens-latest-small',
  dirVar: 'RECOSTREAM_MOVIELENS_DIR',
  urlVar: 'RECOSTREAM_MOVIELENS_URL',
  licence:
    'MovieLens latest-small © GroupLens Research, University of Minnesota: research and non-commercial use only, ' +
    'redistribution only under the same terms; cite F. M. Harper and J. A. Konstan, "The MovieLens Datasets: ' +
    'History and Context", ACM TiiS 5(4):19, 2015 (doi:10.1145/2827872). Full terms: README.txt in the zip.',
  files: [
    { name: 'movies.csv', bytes: 494431, sha256: '5a5f32dd9bb3797b8e728a1b98958789d2b13f294a69fdfbc5727f8a9611aa07' },
    { name: 'ratings.csv', bytes: 2483723, sha256: 'aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646' },
    { name: 'tags.csv', bytes: 118660, sha256: '92a9f8bb7916dceef6151209845788c3643f794dfa79d1feaec7121b5960399d' },
    { name: 'links.csv', bytes: 197979, sha256: '97ad18e4e56a09363c65676b6cb3482ce3e2cea2372a24620c1599c843325f31' },
  ],
  download: { kind: 'zip', url: MOVIELENS_ZIP_URL, zipName: 'ml-latest-small.zip', prefix: 'ml-latest-small/' },
};

const decade = (name: string, bytes: number, sha256: string): PinnedFile => ({ name: `movies-${name}.json`, bytes, sha256 });

export const WIKIPEDIA: SourceSpec = {
  key: 'wikipedia',
  label: 'Wikipedia movie data',
  folder: 'wikipedia-movie-data',
  dirVar: 'RECOSTREAM_WIKIPEDIA_DIR',
  urlVar: 'RECOSTREAM_WIKIPEDIA_URL',
  licence:
    'Wikipedia movie data (prust/wikipedia-movie-data): the plot extracts are Wikipedia text under CC BY-SA 4.0 ' +
    '(attribute with a link to the article, share alike); the compilation is MIT-licensed.',
  files: [
    decade('1900s', 100041, '5a42dfc3ff83ab30e3982f93f1164114b41e99e73c632c2321a87772959793e5'),
    decade('1910s', 2007693, '4672fe20aeddfe1c52464efc804ee3091f9e4b5fd385401ff0ce48cf8d367573'),
    decade('1920s', 3463423, 'cb892518d2ffda4f2f11a0bd56f28b102fd0d47e5ae1ba2b2e4cb4e964f8127a'),
    decade('1930s', 2921862, 'b2ffc5608cbeff231408433ad43f873d422b914bebdf408ebe18427c09a9dcb2'),
    decade('1940s', 2972875, 'b4d96fc8b7c36f406e489b6fc017de03dd6a10f4c89a84d2a2a46af74e8b49a3'),
    decade('1950s', 2123294, '8f566bfec734e93f19f688598e82239556401bde63c226510d71190b30855298'),
    decade('1960s', 1159360, 'a2450179f0744c07960a7840b9a86b5e0d733f7c0136a4ebcb804a63de9dc0a1'),
    decade('1970s', 1217440, 'f9abef01840fc70afd148906c7985fa5548ab1f473520dfa6623a3a397bc4ce3'),
    decade('1980s', 1713927, '21d0f3c203f77169bb6508225aad4740816a3d7efd9e3bac82e3b812d0569672'),
    decade('1990s', 2213647, 'facf24e3297937022285d064cc069e8bbe02581c3248a87f0b377c045b4fb61d'),
    decade('2000s', 2472795, '66140e41fe6c79cbb325b6566f156e27fe032a42175f224dfff1b71aa9630207'),
    decade('2010s', 2453005, 'e218edfdd8453cdd938fcb8b07b6b177474b3b18361e3422fdd6480d7e3bf9f9'),
    decade('2020s', 998941, '505f0f56ecdca7a2643fb3a811399b885f837e2cbfa9ee95a24b9018073e3eb3'),
  ],
  download: { kind: 'files', baseUrl: WIKIPEDIA_BASE_URL, mirrorFolder: 'wikipedia-movie-data/' },
};

export const SOURCES: readonly SourceSpec[] = [MOVIELENS, WIKIPEDIA];

/** Every variable that changes where raw data is read or downloaded from, with what it does. */
export const DATA_VARIABLES: readonly (readonly [string, string])[] = [
  ['RECOSTREAM_DATA_DIR', 'a folder holding movielens-latest-small/ and wikipedia-movie-data/'],
  ['RECOSTREAM_MOVIELENS_DIR', 'the MovieLens folder itself (movies.csv, ratings.csv, tags.csv), used as given'],
  ['RECOSTREAM_WIKIPEDIA_DIR', 'the Wikipedia folder itself (movies-1900s.json … movies-2020s.json), used as given'],
  ['RECOSTREAM_DATA_URL', 'a mirror: <url>/ml-latest-small.zip and <url>/wikipedia-movie-data/movies-1900s.json …'],
  ['RECOSTREAM_MOVIELENS_URL', `the zip's URL (default ${MOVIELENS_ZIP_URL})`],
  ['RECOSTREAM_WIKIPEDIA_URL', `the folder URL of the decade files (default ${WIKIPEDIA_BASE_URL})`],
  ['RECOSTREAM_RAW_DIR', 'the download cache (default data/raw/)'],
];

export type Env = Readonly<Record<string, string | undefined>>;

/** The data roots for an environment and project root. */
export function dataRoots(env: Env, root: string) {
  return {
    dataDir: env.RECOSTREAM_DATA_DIR ? resolve(env.RECOSTREAM_DATA_DIR) : null,
    sharedDir: resolve(env.RECOSTREAM_SHARED_DIR ?? join(root, '..', 'shared', 'data')),
    rawDir: resolve(env.RECOSTREAM_RAW_DIR ?? join(root, 'data', 'raw')),
  };
}

export interface Place {
  dir: string;
  /** How the folder was chosen, for messages: "RECOSTREAM_DATA_DIR", "../shared/data", "download cache". */
  via: string;
}

export interface Resolved {
  spec: SourceSpec;
  /** The folder the build reads. */
  dir: string;
  /** 'given': named by the source's own variable, used as is; 'local': a complete folder; 'cache': the download cache (filled on demand). */
  kind: 'given' | 'local' | 'cache';
  via: string;
  /** Every place tried before, with why it was passed over. */
  passed: { place: Place; why: string }[];
}

/** Files of a source missing from a folder. */
export const missingFiles = (spec: SourceSpec, dir: string) => spec.files.filter((f) => !existsSync(join(dir, f.name))).map((f) => f.name);

/** Picks the folder a source is read from (cheap: file existence only; the cache is verified by fetch.ts). */
export function resolveSource(spec: SourceSpec, env: Env, root: string): Resolved {
  const given = env[spec.dirVar];
  if (given) return { spec, dir: resolve(given), kind: 'given', via: spec.dirVar, passed: [] };
  const { dataDir, sharedDir, rawDir } = dataRoots(env, root);
  const passed: Resolved['passed'] = [];
  const places: Place[] = [
    ...(dataDir ? [{ dir: join(dataDir, spec.folder), via: 'RECOSTREAM_DATA_DIR' }] : []),
    { dir: join(sharedDir, spec.folder), via: env.RECOSTREAM_SHARED_DIR ? 'RECOSTREAM_SHARED_DIR' : '../shared/data' },
  ];
  for (const place of places) {
    if (!existsSync(place.dir)) {
      passed.push({ place, why: 'not found' });
      continue;
    }
    const missing = missingFiles(spec, place.dir);
    if (missing.length === 0) return { spec, dir: place.dir, kind: 'local', via: place.via, passed };
    passed.push({ place, why: `incomplete: no ${missing.join(', ')}` });
  }
  return { spec, dir: join(rawDir, spec.folder), kind: 'cache', via: 'download cache', passed };
}

/** Where a source is downloaded from: its own URL variable, else the RECOSTREAM_DATA_URL mirror, else the canonical place. */
export function sourceUrls(spec: SourceSpec, env: Env): { name: string; url: string }[] {
  const mirror = env.RECOSTREAM_DATA_URL?.replace(/\/+$/, '');
  const own = env[spec.urlVar];
  if (spec.download.kind === 'zip') {
    const url = own ?? (mirror ? `${mirror}/${spec.download.zipName}` : spec.download.url);
    return [{ name: spec.download.zipName, url }];
  }
  const base = own ? own.replace(/\/*$/, '/') : mirror ? `${mirror}/${spec.download.mirrorFolder}` : spec.download.baseUrl;
  return spec.files.map((f) => ({ name: f.name, url: new URL(f.name, base).href }));
}
