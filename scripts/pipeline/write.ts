/** Atomic artefact writing and the data manifest. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataManifest } from '../../src/core/catalogue/types';

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Writes all files to temporaries first, then renames them into place, so a failure leaves the old set. */
export function writeAll(dir: string, files: Record<string, Uint8Array | string>): DataManifest['files'] {
  mkdirSync(dir, { recursive: true });
  const out: DataManifest['files'] = {};
  const tmp: [string, string][] = [];
  for (const [name, data] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(`${path}.tmp`, data);
    tmp.push([`${path}.tmp`, path]);
    out[name] = { sha256: sha256(data), bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength };
  }
  for (const [from, to] of tmp) renameSync(from, to);
  return out;
}

export function readManifest(dir: string): (DataManifest & { inputs?: string }) | null {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as DataManifest & { inputs?: string };
  } catch {
    return null;
  }
}
