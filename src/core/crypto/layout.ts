/**
 * Which fields of each per-profile record stay in the clear (what the database must index) and
 * which go into the encrypted envelope; and the plan for migrating pre-encryption rows.
 *
 * In the clear, deliberately: the owner, record ids, timestamps (ordering, impressions retention),
 * a feedback event's link to its impression (a local row number), model names with version and
 * update time, setting names, and for likes/dislikes a keyed hash of the movie id (`ok`, HMAC
 * under the profile's key) so one opinion per movie can be replaced atomically. Everything that
 * says *what* a person liked, saw, searched or learned is inside the envelope.
 */
import type { SealedTable } from './envelope';

type Row = Record<string, unknown>;

/** Cleartext fields per table (besides `enc`, the envelope, and `ok` on feedback). */
export const CLEAR_FIELDS: Readonly<Record<SealedTable, readonly string[]>> = {
  feedback: ['id', 'userId', 'at', 'imp'],
  impressions: ['id', 'userId', 'at'],
  settings: ['userId', 'key'],
  modelState: ['userId', 'model', 'version', 'updatedAt'],
};

/** A record's id as the AAD uses it: the primary key minus the owner. */
export function recordId(table: SealedTable, row: Row): number | string {
  const id = table === 'settings' ? row.key : table === 'modelState' ? row.model : row.id;
  if (typeof id !== 'number' && typeof id !== 'string') throw new RangeError(`${table} row without an id`);
  return id;
}

/** The two halves of a plaintext record: fields kept in the clear, and the secret rest. */
export interface SplitRecord {
  clear: Row;
  secret: Row;
  /** For a like or dislike: the movie the opinion is about (the caller stores its keyed hash). */
  opinionMovie?: number;
}

/** Splits a plaintext record of `table` (the shape the services use) into clear and secret parts. */
export function splitRecord(table: SealedTable, row: Row): SplitRecord {
  const clear: Row = {};
  const secret: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === undefined) continue;
    if (table === 'feedback' && k === 'impressionId') clear.imp = v;
    else if (CLEAR_FIELDS[table].includes(k)) clear[k] = v;
    else if (table === 'settings' && k === 'value') secret.value = v;
    else if (table === 'modelState' && k === 'state') secret.state = v;
    else secret[k] = v;
  }
  const kind = row.kind;
  return table === 'feedback' && (kind === 'like' || kind === 'dislike') && typeof row.movieId === 'number'
    ? { clear, secret, opinionMovie: row.movieId }
    : { clear, secret };
}

/** Rebuilds the plaintext record from its clear fields and decrypted secret part (inverse of splitRecord). */
export function joinRecord(table: SealedTable, clear: Row, secret: Row): Row {
  const out: Row = {};
  for (const k of CLEAR_FIELDS[table]) {
    if (clear[k] === undefined) continue;
    if (table === 'feedback' && k === 'imp') out.impressionId = clear.imp;
    else out[k] = clear[k];
  }
  for (const [k, v] of Object.entries(secret)) if (!(k in out)) out[k] = v;
  return out;
}

/** What the migration of one profile will do, per table. */
export interface MigrationPlan {
  /** Rows without an envelope, to encrypt in place (same primary key). */
  encrypt: Record<SealedTable, Row[]>;
  /** Rows already encrypted (left as they are). */
  sealed: number;
  /** Total rows to encrypt. */
  total: number;
}

/** Plans the migration of one owner's rows: every row without an envelope is encrypted, the rest kept. */
export function planMigration(owner: string, rows: Readonly<Record<SealedTable, readonly Row[]>>): MigrationPlan {
  const encrypt = { feedback: [], impressions: [], settings: [], modelState: [] } as Record<SealedTable, Row[]>;
  let sealed = 0;
  let total = 0;
  for (const table of Object.keys(encrypt) as SealedTable[]) {
    for (const row of rows[table]) {
      if (row.userId !== owner) throw new RangeError(`a ${table} row of another profile was handed to the migration`);
      if (row.enc !== undefined) sealed++;
      else {
        encrypt[table].push(row);
        total++;
      }
    }
  }
  return { encrypt, sealed, total };
}
