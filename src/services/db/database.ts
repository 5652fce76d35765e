/**
 * The one IndexedDB database of RecoStream. Versions are append-only: never edit a shipped
 * `version(n)` block; add `version(n + 1)` with an upgrade function and a migration test.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type {
  CredentialRecord,
  FeedbackRecord,
  ImpressionRecord,
  KeyRecord,
  LoginAttemptRecord,
  MetaRecord,
  ModelStateRecord,
  RefreshTokenRecord,
  SettingRecord,
  UserRecord,
} from './schema';
import type { WrappedKeyRecord } from '../../core/crypto/envelope';
import type { UnlockSessionRecord } from '../../core/crypto/session-unlock';

export const DB_NAME = 'recostream';

/**
 * Storage events pages show: 'blocked' when this tab's upgrade waits for another tab still on the
 * old version, 'ready' once the database is open.
 */
export const storageEvents = new EventTarget();

/** Version 1 stores, kept verbatim so migrations can be tested from the first version on. */
export const SCHEMA_V1 = {
  users: '&id, &usernameKey',
  credentials: '&userId',
  refreshTokens: '&id, userId, familyId',
  keys: '&name',
  loginAttempts: '&userId',
  feedback: '++id, userId, [userId+movieId], [userId+at]',
  impressions: '++id, userId, [userId+at]',
  settings: '&[userId+key], userId',
  modelState: '&[userId+model], userId',
  meta: '&key',
} as const;

/**
 * Version 2: encryption at rest (src/core/crypto, ./vault.ts, ./personal.ts). Feedback loses its
 * cleartext movie index and gains the opinion index (`ok`, a keyed hash) and the impression link
 * (`imp`); `dataKeys` holds each profile's wrapped data key. Rows are encrypted at the owner's next
 * sign-in (the password is needed), not in the upgrade.
 */
export const SCHEMA_V2 = {
  feedback: '++id, userId, [userId+at], [userId+ok], [userId+imp]',
  dataKeys: '&userId',
} as const;

/**
 * Version 3: "stay unlocked for this session" (src/core/crypto/session-unlock.ts). Each opted-in
 * tab's record: the data key wrapped under a key kept in that tab's sessionStorage only.
 */
export const SCHEMA_V3 = {
  unlockSessions: '&id, userId',
} as const;

export class RecoStreamDB extends Dexie {
  declare users: EntityTable<UserRecord, 'id'>;
  declare credentials: EntityTable<CredentialRecord, 'userId'>;
  declare refreshTokens: EntityTable<RefreshTokenRecord, 'id'>;
  declare keys: EntityTable<KeyRecord, 'name'>;
  declare loginAttempts: EntityTable<LoginAttemptRecord, 'userId'>;
  declare feedback: EntityTable<FeedbackRecord, 'id'>;
  declare impressions: EntityTable<ImpressionRecord, 'id'>;
  declare settings: Table<SettingRecord, [string, string]>;
  declare modelState: Table<ModelStateRecord, [string, string]>;
  declare meta: EntityTable<MetaRecord, 'key'>;
  declare dataKeys: EntityTable<WrappedKeyRecord, 'userId'>;
  declare unlockSessions: EntityTable<UnlockSessionRecord, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3).stores(SCHEMA_V3);
    this.on('blocked', () => void storageEvents.dispatchEvent(new Event('blocked')));
    this.on('ready', () => void storageEvents.dispatchEvent(new Event('ready')));
  }

  /** Tables holding records that belong to one user (used by profile deletion and export). */
  get perUserTables() {
    return [this.credentials, this.dataKeys, this.unlockSessions, this.refreshTokens, this.loginAttempts, this.feedback, this.impressions, this.settings, this.modelState] as const;
  }
}
