/**
 * Per-user data behind a verified session: every method derives the userId from the access token
 * and scopes each query to it, so one profile can never read or change another's records.
 * Also the "export my data" / "import" pair.
 */
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  parseExportFile,
  type ExportFile,
  type ExportedFeedbackKind,
  type ExportedSurface,
  type ExportedModelState,
  type ImportOptions,
} from '../../core/auth/export-file';
import { AuthError } from '../../core/auth/errors';
import type { RecoStreamDB } from '../db/database';
import type { FeedbackKind, FeedbackRecord, FeedbackSurface, ImpressionRecord, ModelStateRecord, SettingRecord } from '../db/schema';
import { AVATAR_COUNT, type AuthService } from './auth-service';
import type { SessionTokens } from './tokens';

// The export format's enums must stay equal to the stored ones; this line stops compiling if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
void (true satisfies Same<ExportedFeedbackKind, FeedbackKind> & Same<ExportedSurface, FeedbackSurface>);

/** A feedback event as callers give it: the owner comes from the session. */
export type NewFeedback = Omit<FeedbackRecord, 'id' | 'userId'>;

/** Counts of what an import wrote. */
export interface ImportSummary {
  feedback: number;
  impressions: number;
  settings: number;
  models: number;
}

type Session = SessionTokens | string;

/**
 * Model states that are derived (rebuilt from the community data plus the feedback in the file)
 * and large: left out of exports. The per-user CF model is megabytes of typed arrays.
 */
export const DERIVED_MODELS: ReadonlySet<string> = new Set(['cf']);

/** The Discover bandit's model state (services/bandit.ts): its `pending` list holds impression ids. */
const BANDIT_MODEL = 'bandit';

export class UserDataService {
  readonly #db: RecoStreamDB;
  readonly #auth: AuthService;
  readonly #now: () => number;

  constructor(db: RecoStreamDB, auth: AuthService, now: () => number = Date.now) {
    this.#db = db;
    this.#auth = auth;
    this.#now = now;
  }

  /** The signed-in user's feedback events, oldest first. */
  listFeedback(session: Session): Promise<FeedbackRecord[]> {
    return this.#auth.withUser(session, (userId) => this.#db.feedback.where('[userId+at]').between([userId, -Infinity], [userId, Infinity]).toArray());
  }

  /** Records a feedback event for the signed-in user; returns its id. */
  addFeedback(session: Session, event: NewFeedback): Promise<number> {
    return this.#auth.withUser(session, async (userId) => {
      const { id: _ignoredId, userId: _ignoredUser, ...clean } = event as FeedbackRecord;
      return (await this.#db.feedback.add({ ...clean, userId })) as number;
    });
  }

  /** Deletes one of the signed-in user's events; false when no such event of theirs exists. */
  deleteFeedback(session: Session, id: number): Promise<boolean> {
    return this.#auth.withUser(session, async (userId) =>
      this.#db.transaction('rw', this.#db.feedback, async () => {
        const row = await this.#db.feedback.get(id);
        if (!row || row.userId !== userId) return false;
        await this.#db.feedback.delete(id);
        return true;
      }),
    );
  }

  /** One setting of the signed-in user. */
  getSetting(session: Session, key: string): Promise<unknown> {
    return this.#auth.withUser(session, async (userId) => (await this.#db.settings.get([userId, key]))?.value);
  }

  /** All settings of the signed-in user. */
  listSettings(session: Session): Promise<SettingRecord[]> {
    return this.#auth.withUser(session, (userId) => this.#db.settings.where('userId').equals(userId).toArray());
  }

  /** Stores a setting for the signed-in user. */
  setSetting(session: Session, key: string, value: unknown): Promise<void> {
    return this.#auth.withUser(session, async (userId) => {
      await this.#db.settings.put({ userId, key, value });
    });
  }

  /** A model's saved state for the signed-in user. */
  getModelState(session: Session, model: string): Promise<ModelStateRecord | undefined> {
    return this.#auth.withUser(session, (userId) => this.#db.modelState.get([userId, model]));
  }

  /** Saves a model's state for the signed-in user. */
  putModelState(session: Session, record: Omit<ModelStateRecord, 'userId' | 'updatedAt'>): Promise<void> {
    return this.#auth.withUser(session, async (userId) => {
      await this.#db.modelState.put({ model: record.model, version: record.version, state: record.state, userId, updatedAt: this.#now() });
    });
  }

  /** Everything the signed-in profile owns, minus credentials, tokens and lockout state. */
  exportData(session: Session): Promise<ExportFile> {
    return this.#auth.withUser(session, async (userId) => {
      const db = this.#db;
      return db.transaction('r', [db.users, db.feedback, db.impressions, db.settings, db.modelState], async () => {
        const user = await db.users.get(userId);
        if (!user) throw new AuthError('ERR_SESSION_REVOKED', 'This profile no longer exists. Please sign in again.');
        const [feedback, impressions, settings, models] = await Promise.all([
          db.feedback.where('userId').equals(userId).sortBy('at'),
          db.impressions.where('userId').equals(userId).sortBy('at'),
          db.settings.where('userId').equals(userId).toArray(),
          db.modelState.where('userId').equals(userId).toArray(),
        ]);
        // Links to impressions that retention has removed are left out, so the file stays self-consistent.
        const kept = new Set(impressions.map((i) => i.id));
        const links = ({ userId: _u, impressionId, ...f }: FeedbackRecord) => (impressionId !== undefined && kept.has(impressionId) ? { ...f, impressionId } : f);
        const pendingKept = (m: ModelStateRecord): unknown => {
          if (m.model !== BANDIT_MODEL || typeof m.state !== 'object' || m.state === null) return m.state;
          const st = m.state as { pending?: unknown };
          return Array.isArray(st.pending) ? { ...st, pending: st.pending.filter((id) => kept.has(id as number)) } : m.state;
        };
        return {
          format: EXPORT_FORMAT,
          version: EXPORT_VERSION,
          exportedAt: new Date(this.#now()).toISOString(),
          profile: { username: user.username, createdAt: user.createdAt, avatar: user.avatar },
          feedback: feedback.map(links),
          impressions: impressions.map(({ userId: _u, ...i }) => i),
          settings: settings.map(({ key, value }) => ({ key, value })),
          modelState: models.filter((m) => !DERIVED_MODELS.has(m.model)).map((m) => ({ model: m.model, version: m.version, updatedAt: m.updatedAt, state: pendingKept(m) })),
        } satisfies ExportFile;
      });
    });
  }

  /**
   * Replaces the signed-in profile's feedback, impressions, settings and model state with the
   * file's. The file is validated in full first and written in one transaction: a bad file, or
   * any failure while writing, changes nothing. The profile's name and password are kept.
   */
  importData(session: Session, text: string, options: ImportOptions): Promise<ImportSummary> {
    return this.#auth.withUser(session, async (userId) => {
      const file = parseExportFile(text, options);
      const db = this.#db;
      const tables = [db.users, db.feedback, db.impressions, db.settings, db.modelState];
      await db.transaction('rw', tables, async () => {
        for (const t of [db.feedback, db.impressions, db.settings, db.modelState]) await t.where('userId').equals(userId).delete();
        const newIds = new Map<number, number>();
        for (const { id, ...imp } of file.impressions) {
          const fresh = (await db.impressions.add({ ...imp, userId } satisfies ImpressionRecord)) as number;
          if (id !== undefined) newIds.set(id, fresh);
        }
        await db.feedback.bulkAdd(
          file.feedback.map(({ id: _id, impressionId, ...f }) => {
            const mapped = impressionId === undefined ? undefined : newIds.get(impressionId);
            return mapped === undefined ? { ...f, userId } : { ...f, userId, impressionId: mapped };
          }),
        );
        await db.settings.bulkPut(file.settings.map((s) => ({ userId, key: s.key, value: s.value })));
        // The Discover slate waits on impressions by id: follow them to their new ids (the reader checked they exist).
        const remap = (m: ExportedModelState): ExportedModelState =>
          m.model === BANDIT_MODEL ? { ...m, state: { ...(m.state as object), pending: (m.state as { pending: number[] }).pending.map((id) => newIds.get(id)!) } } : m;
        await db.modelState.bulkPut(file.modelState.map((m) => ({ ...remap(m), userId })));
        await db.users.update(userId, { avatar: file.profile.avatar % AVATAR_COUNT });
      });
      return { feedback: file.feedback.length, impressions: file.impressions.length, settings: file.settings.length, models: file.modelState.length };
    });
  }
}
