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
import { looksEncrypted } from '../../core/crypto/export-envelope';
import { decryptExport, encryptExport } from './export-crypto';
import type { RecoStreamDB } from '../db/database';
import type { PersonalStore } from '../db/personal';
import type { FeedbackKind, FeedbackRecord, FeedbackSurface, ModelStateRecord, SettingRecord } from '../db/schema';
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

  get #store(): PersonalStore {
    return this.#auth.personal;
  }

  /** The signed-in user's feedback events, oldest first. */
  listFeedback(session: Session): Promise<FeedbackRecord[]> {
    return this.#auth.withUser(session, (userId) => this.#store.listFeedback(userId));
  }

  /** Records a feedback event for the signed-in user; returns its id. */
  addFeedback(session: Session, event: NewFeedback): Promise<number> {
    return this.#auth.withUser(session, async (userId) => {
      const { id: _ignoredId, userId: _ignoredUser, ...clean } = event as FeedbackRecord;
      return (await this.#store.addFeedback(userId, [clean]))[0]!;
    });
  }

  /** Deletes one of the signed-in user's events; false when no such event of theirs exists. */
  deleteFeedback(session: Session, id: number): Promise<boolean> {
    return this.#auth.withUser(session, (userId) => this.#store.deleteFeedback(userId, id));
  }

  /** One setting of the signed-in user. */
  getSetting(session: Session, key: string): Promise<unknown> {
    return this.#auth.withUser(session, (userId) => this.#store.getSetting(userId, key));
  }

  /** All settings of the signed-in user. */
  listSettings(session: Session): Promise<SettingRecord[]> {
    return this.#auth.withUser(session, (userId) => this.#store.listSettings(userId));
  }

  /** Stores a setting for the signed-in user. */
  setSetting(session: Session, key: string, value: unknown): Promise<void> {
    return this.#auth.withUser(session, (userId) => this.#store.putSetting(userId, key, value));
  }

  /** A model's saved state for the signed-in user. */
  getModelState(session: Session, model: string): Promise<ModelStateRecord | undefined> {
    return this.#auth.withUser(session, (userId) => this.#store.getModel(userId, model));
  }

  /** Saves a model's state for the signed-in user. */
  putModelState(session: Session, record: Omit<ModelStateRecord, 'userId' | 'updatedAt'>): Promise<void> {
    return this.#auth.withUser(session, (userId) => this.#store.putModel(userId, record));
  }

  /** Everything the signed-in profile owns, minus credentials, tokens and lockout state. */
  exportData(session: Session): Promise<ExportFile> {
    return this.#auth.withUser(session, async (userId) => {
      const user = await this.#db.users.get(userId);
      if (!user) throw new AuthError('ERR_SESSION_REVOKED', 'This profile no longer exists. Please sign in again.');
      const store = this.#store;
      // Read and decrypted outside one transaction (decryption cannot run inside one); each list is consistent.
      const [feedback, impressions, settings, models] = await Promise.all([store.listFeedback(userId), store.listImpressions(userId), store.listSettings(userId), store.listModels(userId)]);
      {
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
      }
    });
  }

  /**
   * The export, encrypted with a password chosen for the file (PBKDF2 600,000 → AES-GCM): the
   * file can be kept anywhere; only the password opens it. Returns the file's text and the export.
   */
  async exportEncrypted(session: Session, password: string): Promise<{ text: string; file: ExportFile }> {
    const file = await this.exportData(session);
    const check = await this.#auth.checkNewPassword(password);
    if (!check.ok) throw new AuthError('ERR_WEAK_PASSWORD', check.message, { details: { rule: check.rule } });
    return { text: await encryptExport(this.#auth.hasher, JSON.stringify(file, null, 2), password, this.#auth.iterations), file };
  }

  /**
   * Replaces the signed-in profile's feedback, impressions, settings and model state with the
   * file's. An encrypted export needs `filePassword` (ERR_FILE_PASSWORD without it or when wrong). The file is validated in full first and written in one transaction: a bad file, or
   * any failure while writing, changes nothing. The profile's name and password are kept.
   */
  importData(session: Session, text: string, options: ImportOptions, filePassword?: string): Promise<ImportSummary> {
    return this.#auth.withUser(session, async (userId) => {
      if (looksEncrypted(text)) {
        if (!filePassword) throw new AuthError('ERR_FILE_PASSWORD', 'This file is encrypted. Enter the password it was exported with.');
        text = await decryptExport(this.#auth.hasher, text, filePassword);
      }
      const file = parseExportFile(text, options);
      // The Discover slate waits on impressions by id: follow them to their new ids (the reader checked they exist).
      const remap = <M extends ExportedModelState>(m: M, newIds: Map<number, number>): M =>
        m.model === BANDIT_MODEL ? { ...m, state: { ...(m.state as object), pending: (m.state as { pending: number[] }).pending.map((id) => newIds.get(id)!) } } : m;
      await this.#store.replaceAll(userId, { feedback: file.feedback, impressions: file.impressions, settings: file.settings, models: file.modelState }, remap);
      await this.#db.users.update(userId, { avatar: file.profile.avatar % AVATAR_COUNT });
      return { feedback: file.feedback.length, impressions: file.impressions.length, settings: file.settings.length, models: file.modelState.length };
    });
  }
}
