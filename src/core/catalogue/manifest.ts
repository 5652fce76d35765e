/** The data manifest check every loader runs before trusting a data file (page, workers, ML service). */
import { DATA_SCHEMA_VERSION, type DataManifest } from './types';

/** Why a manifest cannot be used. */
export type ManifestProblem =
  /** Not a manifest object at all (damaged or not JSON). */
  | 'BAD_MANIFEST'
  /** Built for another data schema than this app reads (the site is mid-update). */
  | 'SCHEMA_MISMATCH';

/** The manifest when it is usable, else the problem and a sentence saying it. */
export function checkManifest(value: unknown): { ok: true; manifest: DataManifest } | { ok: false; problem: ManifestProblem; message: string } {
  const m = value as Partial<DataManifest> | null;
  if (!m || typeof m !== 'object' || typeof m.files !== 'object' || m.files === null || typeof m.counts !== 'object') {
    return { ok: false, problem: 'BAD_MANIFEST', message: 'The data manifest is damaged.' };
  }
  if (m.schemaVersion !== DATA_SCHEMA_VERSION) {
    return { ok: false, problem: 'SCHEMA_MISMATCH', message: `This app expects data schema ${DATA_SCHEMA_VERSION}, the server has ${String(m.schemaVersion)}.` };
  }
  return { ok: true, manifest: m as DataManifest };
}
