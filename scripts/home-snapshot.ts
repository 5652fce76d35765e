/**
 * `virtual:home-snapshot`: the Home page's catalogue rows computed at build time from the built
 * data (public/data/catalogue.json, checked against its manifest entry), inlined into the app
 * bundle, so a visit paints its first cards without first downloading, parsing and sorting the
 * whole catalogue (src/core/catalogue/home.ts). Without built data the module exports null and the
 * page computes the rows itself, as it also does when the snapshot's catalogue hash differs from
 * the catalogue it loads.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { createCatalogue } from '../src/core/catalogue/catalogue';
import { decodeCatalogueIndex } from '../src/core/catalogue/codec';
import { homeSnapshot, type HomeSnapshot } from '../src/core/catalogue/home';

const ID = 'virtual:home-snapshot';
const RESOLVED = `\0${ID}`;

/** The snapshot of `dataDir`'s catalogue.json, or null when there is no built catalogue. */
export function buildHomeSnapshot(dataDir: string): HomeSnapshot | null {
  const file = join(dataDir, 'catalogue.json');
  if (!existsSync(file)) return null;
  const bytes = readFileSync(file);
  const sha = createHash('sha256').update(bytes).digest('hex');
  return homeSnapshot(createCatalogue(decodeCatalogueIndex(JSON.parse(bytes.toString('utf8')))), sha);
}

export function homeSnapshotPlugin(): Plugin {
  let dataDir = '';
  return {
    name: 'recostream-home-snapshot',
    configResolved(config) {
      dataDir = join(config.publicDir || join(config.root, 'public'), 'data');
    },
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const file = join(dataDir, 'catalogue.json');
      if (existsSync(file)) this.addWatchFile(file);
      // JSON.parse of a string literal: faster to start than the same data as an object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(buildHomeSnapshot(dataDir)))});`;
    },
  };
}
