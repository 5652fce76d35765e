/**
 * The encrypting repository: the one way services read and write a profile's personal records
 * (feedback, impressions, settings, model state). Every row it writes is sealed by the Vault
 * (AES-GCM, AAD = table, owner, id) before its transaction starts, and every row it reads is opened
 * after; no WebCrypto call runs inside an IndexedDB transaction (a transaction that awaits anything
 * but its own requests commits early). Read-modify-write of model state is optimistic: the row is
 * written only if it still holds the envelope that was read, else the update is redone.
 *
 * Rows that fail to decrypt (changed on disk, copied from another profile or position) are left out
 * of lists and reported once on `storageEvents` ('rejected', with a message), never thrown at a page.
 */
import { liveQuery, type Table } from 'dexie';
import { isRecordCryptoError, rejectedMessage, type Envelope, type SealedTable, type WrappedKeyRecord } from '../../core/crypto/envelope';
import { joinRecord, planMigration, splitRecord } from '../../core/crypto/layout';
import type { FeedbackChange } from '../../core/shared/feedback-log';
import { storageEvents, type RecoStreamDB } from './database';
import { pruneImpressions } from './retention';
import type { FeedbackRecord, ImpressionRecord, ModelStateRecord, SettingRecord } from './schema';
import type { SealedRow, Vault } from './vault';

/** What a subscriber of a live query needs (Dexie's Observable has the same shape). */
export interface LiveList<T> {
  subscribe(observer: { next: (value: T) => void; error?: (err: unknown) => void } | ((value: T) => void)): { unsubscribe(): void };
}

/** A model state to write (owner and time are added). */
export type ModelStateInput = Omit<ModelStateRecord, 'userId' | 'updatedAt'>;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
/** The same stored envelope (same nonce and ciphertext): the row has not been rewritten or changed. */
const sameEnvelope = (a: Envelope | undefined, b: Envelope | undefined) =>
  (!a && !b) || (!!a && !!b && a.iv instanceof Uint8Array && b.iv instanceof Uint8Array && sameBytes(a.iv, b.iv) && a.ct instanceof Uint8Array && b.ct instanceof Uint8Array && sameBytes(a.ct, b.ct));

/** Dispatched on storageEvents when rows were left out because they failed to decrypt. */
export class RejectedRecordsEvent extends Event {
  constructor(
    readonly count: number,
    readonly table: SealedTable,
  ) {
    super('rejected');
  }
  get message(): string {
    return rejectedMessage(this.count);
  }
}

export class PersonalStore {
  readonly db: RecoStreamDB;
  readonly vault: Vault;
  readonly #now: () => number;
  /**
   * Decrypted rows, per owner and table, by id (memory only): reused by a full read while the stored
   * envelope is the same (same nonce and ciphertext); trusted by id alone by the live feedback list
   * (records are never rewritten in place under the same id, see `liveFeedback`).
   */
  readonly #cache = new Map<string, Map<string | number, { enc: Envelope; value: unknown }>>();

  constructor(db: RecoStreamDB, vault: Vault, now: () => number = Date.now) {
    this.db = db;
    this.vault = vault;
    this.#now = now;
  }

  /** Forgets every decrypted row held in memory (sign-out). */
  clear(): void {
    this.#cache.clear();
  }

  /** Forgets every decrypted row of `userId` held in memory. */
  forget(userId: string): void {
    for (const k of this.#cache.keys()) if (k.startsWith(`${userId}\u0000`)) this.#cache.delete(k);
  }

  /**
   * Feedback and impressions are handed out as the objects held in the cache (a list of thousands
   * is read after sign-in: no copy per row; callers treat them as read-only, as they do Dexie's
   * live results); settings and model state, which callers update, as copies.
   */
  static readonly #shared: ReadonlySet<SealedTable> = new Set(['feedback', 'impressions']);

  /** The decrypted rows of one owner's table, by id. */
  #rows(table: SealedTable, userId: string): Map<string | number, { enc: Envelope; value: unknown }> {
    const k = `${userId}\u0000${table}`;
    let m = this.#cache.get(k);
    if (!m) this.#cache.set(k, (m = new Map()));
    return m;
  }

  #rowId(row: SealedRow): string | number {
    return (row.id ?? row.key ?? row.model) as string | number;
  }

  /** The decrypted row from memory when the stored envelope is the one decrypted before, else undefined. */
  #cached<T>(table: SealedTable, userId: string, row: SealedRow): T | undefined {
    const hit = this.#rows(table, userId).get(this.#rowId(row));
    if (!hit || row.userId !== userId || !this.vault.isUnlocked(userId) || !sameEnvelope(hit.enc, row.enc)) return undefined;
    return (PersonalStore.#shared.has(table) ? hit.value : structuredClone(hit.value)) as T;
  }

  /** Keeps a decrypted (or just sealed) row in memory, with the envelope it belongs to. */
  #keep(table: SealedTable, userId: string, row: SealedRow, value: unknown): void {
    this.#rows(table, userId).set(this.#rowId(row), { enc: row.enc, value });
  }

  async #open<T>(table: SealedTable, userId: string, row: SealedRow): Promise<T> {
    const value = await this.vault.open<T>(table, userId, row);
    const shared = PersonalStore.#shared.has(table);
    const kept = shared ? value : structuredClone(value);
    this.#keep(table, userId, row, kept);
    return (shared ? kept : value) as T;
  }

  /**
   * Opens every row (from memory when unchanged), aligned with `rows`: null for a row that fails its
   * integrity check (those are reported, once per call, with their count).
   */
  async #openRows<T>(table: SealedTable, userId: string, rows: readonly SealedRow[]): Promise<(T | null)[]> {
    const opened: (T | null)[] = new Array<T | null>(rows.length);
    const misses: Promise<void>[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const hit = this.#cached<T>(table, userId, row);
      if (hit !== undefined) {
        opened[i] = hit;
        continue;
      }
      misses.push(
        this.#open<T>(table, userId, row).then(
          (v) => void (opened[i] = v),
          (err: unknown) => {
            if (!isRecordCryptoError(err)) throw err;
            opened[i] = null;
          },
        ),
      );
    }
    await Promise.all(misses);
    const rejected = opened.reduce((n, v) => (v === null ? n + 1 : n), 0);
    if (rejected) storageEvents.dispatchEvent(new RejectedRecordsEvent(rejected, table));
    return opened;
  }

  /** Opens every row (from memory when unchanged); rows that fail their integrity check are left out and reported. */
  async #openAll<T>(table: SealedTable, userId: string, rows: readonly SealedRow[]): Promise<T[]> {
    return (await this.#openRows<T>(table, userId, rows)).filter((v): v is T => v !== null);
  }

  /** Reserves `n` consecutive ids of an auto-increment table, so records can be sealed with their id before they are added. */
  async #reserve(table: 'feedback' | 'impressions', n: number): Promise<number> {
    const db = this.db;
    return db.transaction('rw', db.table(table), db.meta, async () => {
      const last = ((await db.table(table).orderBy(':id').lastKey()) as number | undefined) ?? 0;
      const counter = ((await db.meta.get(`next-id:${table}`))?.value as number | undefined) ?? 0;
      const start = Math.max(last + 1, counter);
      await db.meta.put({ key: `next-id:${table}`, value: start + n });
      return start;
    });
  }

  // ---- feedback -------------------------------------------------------------------------------

  /** The user's feedback events, oldest first. */
  async listFeedback(userId: string): Promise<FeedbackRecord[]> {
    const rows = (await this.db.feedback.where('[userId+at]').between([userId, -Infinity], [userId, Infinity]).toArray()) as unknown as SealedRow[];
    return this.#openAll<FeedbackRecord>('feedback', userId, rows);
  }

  /** Adds events; returns their ids in order. */
  async addFeedback(userId: string, events: readonly Omit<FeedbackRecord, 'id' | 'userId'>[]): Promise<number[]> {
    return (await this.appendFeedback(userId, events)).added.map((r) => r.id!);
  }

  /** Adds events; returns the change to the user's list (the records as a read returns them). */
  async appendFeedback(userId: string, events: readonly Omit<FeedbackRecord, 'id' | 'userId'>[]): Promise<FeedbackChange<FeedbackRecord>> {
    if (!events.length) return { removed: [], added: [] };
    const start = await this.#reserve('feedback', events.length);
    const sealed = await Promise.all(events.map((e, i) => this.#sealFeedback(userId, { ...e, id: start + i })));
    await this.db.feedback.bulkAdd(sealed.map((x) => x.row) as never);
    for (const x of sealed) this.#keep('feedback', userId, x.row, x.record);
    return { removed: [], added: sealed.map((x) => x.record) };
  }

  /** Seals one feedback event; also returns the record exactly as reading the row back would give it. */
  async #sealFeedback(userId: string, record: Omit<FeedbackRecord, 'userId'> & { id: number }): Promise<{ row: SealedRow; record: FeedbackRecord }> {
    const row = await this.vault.seal('feedback', userId, record);
    const { clear, secret } = splitRecord('feedback', { ...record, userId });
    return { row, record: joinRecord('feedback', clear, structuredClone(secret)) as unknown as FeedbackRecord };
  }

  /**
   * Replaces the user's opinion of a movie (like or dislike) with `event`, or removes it when null,
   * in one transaction: the opinion index finds the old one without decrypting anything. Returns the
   * change to the user's list: the ids removed and the record added (as a read returns it).
   */
  async replaceOpinion(userId: string, movieId: number, event: Omit<FeedbackRecord, 'id' | 'userId'> | null): Promise<FeedbackChange<FeedbackRecord>> {
    // The keyed hash and the id do not depend on each other: computed side by side.
    const [ok, id] = await Promise.all([this.vault.opinionKey(userId, movieId), event ? this.#reserve('feedback', 1) : null]);
    const sealed = event && id !== null ? await this.#sealFeedback(userId, { ...event, movieId, id }) : null;
    const removed = await this.db.transaction('rw', this.db.feedback, async () => {
      const old = (await this.db.feedback.where('[userId+ok]').equals([userId, ok]).primaryKeys()) as number[];
      await this.db.feedback.bulkDelete(old);
      if (sealed) await this.db.feedback.add(sealed.row as never);
      return old;
    });
    const rows = this.#rows('feedback', userId);
    for (const old of removed) rows.delete(old);
    if (sealed) this.#keep('feedback', userId, sealed.row, sealed.record);
    return { removed, added: sealed ? [sealed.record] : [] };
  }

  /** Deletes one of the user's events; false when no such event of theirs exists. */
  async deleteFeedback(userId: string, id: number): Promise<boolean> {
    const done = await this.db.transaction('rw', this.db.feedback, async () => {
      const row = await this.db.feedback.get(id);
      if (!row || row.userId !== userId) return false;
      await this.db.feedback.delete(id);
      return true;
    });
    if (done) this.#rows('feedback', userId).delete(id);
    return done;
  }

  /** Which of `impressionIds` the user reacted to (the link is a clear index: nothing is decrypted). */
  async reactedTo(userId: string, impressionIds: readonly number[]): Promise<Set<number>> {
    if (!impressionIds.length) return new Set();
    const rows = (await this.db.feedback
      .where('[userId+imp]')
      .anyOf(impressionIds.map((i) => [userId, i]))
      .toArray()) as unknown as SealedRow[];
    return new Set(rows.map((r) => r.imp as number));
  }

  /**
   * The user's events with these ids, in this order (the order of the [userId+at] index): records
   * already decrypted in this session are taken from memory by id, only the others are read and
   * decrypted. Rows deleted meanwhile, or failing their integrity check (reported), are left out.
   */
  async #feedbackByIds(userId: string, ids: readonly number[]): Promise<FeedbackRecord[]> {
    const known = this.vault.isUnlocked(userId) ? this.#rows('feedback', userId) : new Map<string | number, { enc: Envelope; value: unknown }>();
    const out: (FeedbackRecord | null)[] = new Array<FeedbackRecord | null>(ids.length);
    const missing: number[] = [];
    const at: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const hit = known.get(ids[i]!);
      if (hit) out[i] = hit.value as FeedbackRecord;
      else {
        missing.push(ids[i]!);
        at.push(i);
      }
    }
    if (missing.length) {
      const rows = ((await this.db.feedback.bulkGet(missing)) as unknown as (SealedRow | undefined)[]).map((r) => (r && r.userId === userId ? r : undefined));
      const present = rows.filter((r): r is SealedRow => r !== undefined);
      const opened = await this.#openRows<FeedbackRecord>('feedback', userId, present);
      let k = 0;
      rows.forEach((r, j) => (out[at[j]!] = r ? opened[k++]! : null));
    }
    return out.filter((v): v is FeedbackRecord => v !== null);
  }

  /**
   * A live list of the user's events (this and other tabs' writes), decrypted; emissions keep their
   * order. The live query reads only the ids (the [userId+at] index, no values); a change then reads
   * and decrypts only the records not yet in memory — another tab's new events — so following a list
   * of 10,000 costs a key scan per change, not a read and a decryption of every row. Records are
   * immutable by id (the store adds and deletes, never rewrites one), so a record decrypted (or
   * written) in this session is reused by id; `listFeedback` still checks every stored envelope.
   */
  liveFeedback(userId: string): LiveList<FeedbackRecord[]> {
    const raw = liveQuery(async () => (await this.db.feedback.where('[userId+at]').between([userId, -Infinity], [userId, Infinity]).primaryKeys()) as number[]);
    return {
      subscribe: (given) => {
        const observer = typeof given === 'function' ? { next: given } : given;
        let chain: Promise<void> = Promise.resolve();
        let closed = false;
        const sub = raw.subscribe({
          next: (ids) => {
            chain = chain.then(async () => {
              try {
                const list = await this.#feedbackByIds(userId, ids);
                if (!closed) observer.next(list);
              } catch (err) {
                if (!closed) observer.error?.(err);
              }
            });
          },
          error: (err: unknown) => observer.error?.(err),
        });
        return {
          unsubscribe: () => {
            closed = true;
            sub.unsubscribe();
          },
        };
      },
    };
  }

  // ---- impressions ----------------------------------------------------------------------------

  /** Logs impressions (and applies the retention rule in the same transaction); returns their ids in order. */
  async addImpressions(userId: string, rows: readonly Omit<ImpressionRecord, 'id' | 'userId'>[], now: number): Promise<number[]> {
    if (!rows.length) return [];
    const start = await this.#reserve('impressions', rows.length);
    const sealed = await Promise.all(rows.map((r, i) => this.vault.seal('impressions', userId, { ...r, id: start + i })));
    const ids = sealed.map((r) => r.id as number);
    await this.db.transaction('rw', this.db.impressions, async () => {
      await this.db.impressions.bulkAdd(sealed as never);
      await pruneImpressions(this.db, userId, ids, now);
    });
    return ids;
  }

  /** One of the user's impressions, or null (none, another profile's, or failing its integrity check: reported). */
  async impression(userId: string, id: number): Promise<ImpressionRecord | null> {
    const row = (await this.db.impressions.get(id)) as unknown as SealedRow | undefined;
    if (!row || row.userId !== userId) return null;
    return (await this.#openAll<ImpressionRecord>('impressions', userId, [row]))[0] ?? null;
  }

  /** The user's impressions logged at exactly `at` (one shown list). */
  async impressionsAt(userId: string, at: number): Promise<ImpressionRecord[]> {
    const rows = (await this.db.impressions.where('[userId+at]').equals([userId, at]).toArray()) as unknown as SealedRow[];
    return this.#openAll<ImpressionRecord>('impressions', userId, rows);
  }

  /** All of the user's impressions, oldest first. */
  async listImpressions(userId: string): Promise<ImpressionRecord[]> {
    const rows = (await this.db.impressions.where('[userId+at]').between([userId, -Infinity], [userId, Infinity]).toArray()) as unknown as SealedRow[];
    return this.#openAll<ImpressionRecord>('impressions', userId, rows);
  }

  // ---- settings -------------------------------------------------------------------------------

  async getSetting(userId: string, key: string): Promise<unknown> {
    const row = (await this.db.settings.get([userId, key])) as unknown as SealedRow | undefined;
    return row ? (await this.#openAll<SettingRecord>('settings', userId, [row]))[0]?.value : undefined;
  }

  async listSettings(userId: string): Promise<SettingRecord[]> {
    const rows = (await this.db.settings.where('userId').equals(userId).toArray()) as unknown as SealedRow[];
    return this.#openAll<SettingRecord>('settings', userId, rows);
  }

  async putSetting(userId: string, key: string, value: unknown): Promise<void> {
    await this.db.settings.put((await this.vault.seal('settings', userId, { key, value })) as never);
  }

  // ---- model state ----------------------------------------------------------------------------

  async getModel(userId: string, model: string): Promise<ModelStateRecord | undefined> {
    const row = (await this.db.modelState.get([userId, model])) as unknown as SealedRow | undefined;
    return row ? (await this.#openAll<ModelStateRecord>('modelState', userId, [row]))[0] : undefined;
  }

  async listModels(userId: string): Promise<ModelStateRecord[]> {
    const rows = (await this.db.modelState.where('userId').equals(userId).toArray()) as unknown as SealedRow[];
    return this.#openAll<ModelStateRecord>('modelState', userId, rows);
  }

  async putModel(userId: string, record: ModelStateInput): Promise<void> {
    const row = await this.vault.seal('modelState', userId, { model: record.model, version: record.version, state: record.state, updatedAt: this.#now() });
    await this.db.modelState.put(row as never);
  }

  async deleteModels(userId: string, models: readonly string[]): Promise<void> {
    await this.db.modelState.bulkDelete(models.map((m) => [userId, m] as [string, string]));
  }

  /**
   * Read-modify-write of several model states as one step: `fn` gets the current records (undefined
   * when absent) and returns the new ones (or null to write nothing). The writes land only if none
   * of the rows changed since they were read (another tab, another update); otherwise `fn` runs again
   * on the new values. Returns `fn`'s last result.
   */
  async updateModels<R extends { write: ModelStateInput[] } | null>(
    userId: string,
    models: readonly string[],
    fn: (current: Map<string, ModelStateRecord | undefined>) => Promise<R> | R,
  ): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      const rows = (await this.db.modelState.bulkGet(models.map((m) => [userId, m] as [string, string]))) as unknown as (SealedRow | undefined)[];
      const current = new Map<string, ModelStateRecord | undefined>();
      for (const [i, m] of models.entries()) {
        const row = rows[i];
        current.set(m, row ? (await this.#openAll<ModelStateRecord>('modelState', userId, [row]))[0] : undefined);
      }
      const result = await fn(current);
      if (!result) return result;
      const sealed = await Promise.all(result.write.map((r) => this.vault.seal('modelState', userId, { model: r.model, version: r.version, state: r.state, updatedAt: this.#now() })));
      const written = await this.db.transaction('rw', this.db.modelState, async () => {
        const now = (await this.db.modelState.bulkGet(models.map((m) => [userId, m] as [string, string]))) as unknown as (SealedRow | undefined)[];
        if (now.some((r, i) => !sameEnvelope(r?.enc, rows[i]?.enc))) return false;
        await this.db.modelState.bulkPut(sealed as never);
        return true;
      });
      if (written || attempt >= 20) return result;
    }
  }

  // ---- whole profile --------------------------------------------------------------------------

  /**
   * Replaces all of the user's feedback, impressions, settings and model state with the given
   * plaintext records, in one transaction. Impression ids are new; `linkImpression` maps the given
   * ids to the new ones for the feedback links and `rewrite` lets the caller fix model states that
   * hold impression ids (Discover's pending slate).
   */
  async replaceAll(
    userId: string,
    data: {
      feedback: readonly (Omit<FeedbackRecord, 'id' | 'userId'> & { id?: number })[];
      impressions: readonly (Omit<ImpressionRecord, 'id' | 'userId'> & { id?: number })[];
      settings: readonly { key: string; value: unknown }[];
      models: readonly (ModelStateInput & { updatedAt: number })[];
    },
    rewrite: (model: ModelStateInput & { updatedAt: number }, newIds: Map<number, number>) => ModelStateInput & { updatedAt: number },
  ): Promise<void> {
    const db = this.db;
    const impStart = data.impressions.length ? await this.#reserve('impressions', data.impressions.length) : 0;
    const newIds = new Map<number, number>();
    data.impressions.forEach((imp, i) => imp.id !== undefined && newIds.set(imp.id, impStart + i));
    const impRows = await Promise.all(data.impressions.map(({ id: _id, ...imp }, i) => this.vault.seal('impressions', userId, { ...imp, id: impStart + i })));
    const fbStart = data.feedback.length ? await this.#reserve('feedback', data.feedback.length) : 0;
    const fbRows = await Promise.all(
      data.feedback.map(({ id: _id, impressionId, ...f }, i) => {
        const mapped = impressionId === undefined ? undefined : newIds.get(impressionId);
        return this.vault.seal('feedback', userId, mapped === undefined ? { ...f, id: fbStart + i } : { ...f, id: fbStart + i, impressionId: mapped });
      }),
    );
    const setRows = await Promise.all(data.settings.map((s) => this.vault.seal('settings', userId, { key: s.key, value: s.value })));
    const modelRows = await Promise.all(
      data.models.map((m) => {
        const r = rewrite(m, newIds);
        return this.vault.seal('modelState', userId, { model: r.model, version: r.version, state: r.state, updatedAt: r.updatedAt });
      }),
    );
    await db.transaction('rw', [db.feedback, db.impressions, db.settings, db.modelState], async () => {
      for (const t of [db.feedback, db.impressions, db.settings, db.modelState]) await t.where('userId').equals(userId).delete();
      await db.impressions.bulkAdd(impRows as never);
      await db.feedback.bulkAdd(fbRows as never);
      await db.settings.bulkPut(setRows as never);
      await db.modelState.bulkPut(modelRows as never);
    });
    this.forget(userId);
  }

  /**
   * Encrypts every pre-encryption row of the user in place (same primary keys), in one transaction
   * that writes only rows still unencrypted, together with the profile's new wrapped key
   * (`keyRecord`, added in that same transaction: the key and the encrypted rows land together or
   * not at all). Returns how many rows were encrypted.
   */
  async migrate(userId: string, keyRecord?: WrappedKeyRecord): Promise<number> {
    const db = this.db;
    const tables = { feedback: db.feedback, impressions: db.impressions, settings: db.settings, modelState: db.modelState } as const;
    const read = async () => {
      const out = {} as Record<SealedTable, Record<string, unknown>[]>;
      for (const [name, t] of Object.entries(tables)) out[name as SealedTable] = (await t.where('userId').equals(userId).toArray()) as unknown as Record<string, unknown>[];
      return out;
    };
    const plan = planMigration(userId, await read());
    if (!plan.total && !keyRecord) return 0;
    const sealed = {} as Record<SealedTable, SealedRow[]>;
    for (const name of Object.keys(tables) as SealedTable[]) sealed[name] = await Promise.all(plan.encrypt[name].map((row) => this.vault.seal(name, userId, row)));
    const keyOf = (name: SealedTable, r: Record<string, unknown>) => (name === 'settings' ? [userId, r.key] : name === 'modelState' ? [userId, r.model] : r.id);
    return db.transaction('rw', [...Object.values(tables), db.dataKeys], async () => {
      if (keyRecord) await db.dataKeys.add(keyRecord);
      let n = 0;
      for (const name of Object.keys(tables) as SealedTable[]) {
        const t = tables[name] as unknown as Table<Record<string, unknown>, unknown>;
        const before = plan.encrypt[name];
        const now = (await t.bulkGet(before.map((r) => keyOf(name, r)) as never[])) as (Record<string, unknown> | undefined)[];
        const still = sealed[name].filter((_, i) => now[i] !== undefined && now[i]!.enc === undefined);
        await t.bulkPut(still as never);
        n += still.length;
      }
      return n;
    });
  }
}
