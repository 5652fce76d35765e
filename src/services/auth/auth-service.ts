/**
 * Accounts on this device: sign-up, sign-in with brute-force delays, sessions, password change
 * and profile deletion. Every operation on a signed-in profile starts by verifying its access token.
 */
import { Dexie } from 'dexie';
import { AuthError } from '../../core/auth/errors';
import { lockRemainingMs, recordFailure, resolveLockoutPolicy, type LockoutPolicy } from '../../core/auth/lockout';
import { lockedMessage, secondsUntil } from '../../core/auth/messages';
import { checkPassword, commonPasswordList, type CommonPasswordList, type PasswordCheck } from '../../core/auth/password-policy';
import { checkUsername, usernameKey } from '../../core/auth/username';
import type { SessionPolicy } from '../../core/auth/claims';
import type { RecoStreamDB } from '../db/database';
import { PersonalStore } from '../db/personal';
import type { UserRecord } from '../db/schema';
import { deriveKek, newDataKey, newKekParams, rewrapDataKey, sessionUnwrapKeys, sessionWrapDataKey, unwrapKeys, Vault, wrappedKeyRecord, type ProfileKeys } from '../db/vault';
import { readWrappedKey } from '../../core/crypto/envelope';
import {
  encodeTabEntry,
  parseTabEntry,
  planResume,
  readUnlockRecord,
  staleUnlockRecords,
  UNLOCK_SESSION_VERSION,
  unlockAad,
  unlockLifetime,
  type UnlockSessionRecord,
} from '../../core/crypto/session-unlock';
import { createCredential, needsRehash, verifyCredential, type RandomBytes } from './credentials';
import type { PasswordHasher } from './hasher';
import { PBKDF2_MIN_PRODUCTION_ITERATIONS } from './pbkdf2';
import { memoryTabKeyStore, type TabKeyStore } from './tab-key-store';
import { TokenService, type SessionTokens, type VerifiedSession } from './tokens';

/** Number of avatar colours the profile picker cycles through. */
export const AVATAR_COUNT = 8;

/** What anyone on the device may see of a profile (the picker lists these). */
export interface PublicProfile {
  id: string;
  username: string;
  avatar: number;
  createdAt: number;
}

/** The signed-in profile as its own pages see it. */
export interface CurrentProfile extends PublicProfile {
  /** Opted in to "stay unlocked for this session". */
  stayUnlocked: boolean;
}

export interface AuthServiceOptions {
  /** Where PBKDF2 runs (worker in the app, in-thread in tests). */
  hasher: PasswordHasher;
  /** Clock, epoch ms. */
  now?: () => number;
  /** PBKDF2 iterations for new hashes; older hashes are upgraded at the next sign-in. Default 600,000. */
  iterations?: number;
  session?: Partial<SessionPolicy>;
  lockout?: Partial<LockoutPolicy>;
  /** Loads the common-password list (default: the bundled list, loaded on first use). */
  commonPasswords?: () => Promise<CommonPasswordList>;
  randomBytes?: RandomBytes;
  randomId?: () => string;
  /**
   * Runs `fn` exclusively for `key` across every tab (navigator.locks in the app). Default: no
   * extra serialisation (the provisional failure in the lock-check transaction already bounds guesses).
   */
  serialise?: <T>(key: string, fn: () => Promise<T>) => Promise<T>;
  /** This tab's half of "stay unlocked" (sessionStorage in the app; default: memory). */
  tabKeys?: TabKeyStore;
}

let bundledList: Promise<CommonPasswordList> | undefined;
/** The bundled list, as a lazily loaded chunk so it is not part of the first paint. */
function bundledCommonPasswords(): Promise<CommonPasswordList> {
  bundledList ??= import('../../core/auth/common-passwords').then((m) => commonPasswordList(m.COMMON_PASSWORDS));
  return bundledList;
}

const toPublic = (u: UserRecord): PublicProfile => ({ id: u.id, username: u.username, avatar: u.avatar, createdAt: u.createdAt });

/** A stored stay-unlocked row, or undefined when it is damaged. */
function unlockRecordOrUndefined(row: unknown): UnlockSessionRecord | undefined {
  try {
    return readUnlockRecord(row);
  } catch {
    return undefined;
  }
}

export class AuthService {
  readonly tokens: TokenService;
  readonly iterations: number;
  /** The unlocked profiles' data keys (this page's memory only). */
  readonly vault = new Vault();
  /** The encrypting repository every service reads and writes personal records through. */
  readonly personal: PersonalStore;
  readonly #db: RecoStreamDB;
  readonly #hasher: PasswordHasher;
  readonly #now: () => number;
  readonly #lockout: LockoutPolicy;
  readonly #common: () => Promise<CommonPasswordList>;
  readonly #randomBytes: RandomBytes | undefined;
  readonly #randomId: () => string;
  readonly #serialise: <T>(key: string, fn: () => Promise<T>) => Promise<T>;
  readonly #tab: TabKeyStore;

  constructor(db: RecoStreamDB, options: AuthServiceOptions) {
    this.#db = db;
    this.#hasher = options.hasher;
    this.#now = options.now ?? Date.now;
    this.iterations = options.iterations ?? PBKDF2_MIN_PRODUCTION_ITERATIONS;
    if (!Number.isInteger(this.iterations) || this.iterations < 1) throw new RangeError(`iterations must be a positive integer, got ${this.iterations}`);
    this.#lockout = resolveLockoutPolicy(options.lockout);
    this.#common = options.commonPasswords ?? bundledCommonPasswords;
    this.#randomBytes = options.randomBytes;
    this.#randomId = options.randomId ?? (() => globalThis.crypto.randomUUID());
    this.#serialise = options.serialise ?? ((_key, fn) => fn());
    this.#tab = options.tabKeys ?? memoryTabKeyStore();
    const tokenOptions = { now: this.#now, randomId: this.#randomId };
    this.tokens = new TokenService(db, options.session ? { ...tokenOptions, session: options.session } : tokenOptions);
    this.personal = new PersonalStore(db, this.vault, this.#now);
  }

  /** Where PBKDF2 runs (the crypto worker in the app); also used for encrypted export files. */
  get hasher(): PasswordHasher {
    return this.#hasher;
  }

  /** True when `userId`'s data key is unlocked on this page. */
  isUnlocked(userId: string): boolean {
    return this.vault.isUnlocked(userId);
  }

  /** Forgets every unlocked key and decrypted record on this page (sign-out), or all but `keep`'s (a profile switch). */
  lockAll(keep?: string): void {
    for (const id of this.vault.unlocked()) {
      if (id === keep) continue;
      this.vault.lock(id);
      this.personal.forget(id);
    }
    // This tab's stay-unlocked key is only ever for the profile it keeps.
    const entry = parseTabEntry(this.#tab.load());
    if (entry && entry.userId !== keep) this.#tab.clear();
  }

  // ---- stay unlocked for this session (src/core/crypto/session-unlock.ts) ----------------------

  /**
   * Writes this tab's stay-unlocked record for `sessionId` (replacing the tab's earlier one, and
   * deleting the profile's records nobody can resume any more), then keeps the session key in the
   * tab. `enable` turns the option on in the same transaction; otherwise nothing is written when
   * it is off (another tab may have turned it off meanwhile).
   */
  async #rememberTab(userId: string, sessionId: string, kek: CryptoKey, wrapped: Uint8Array, enable = false): Promise<void> {
    const now = this.#now();
    const id = this.#randomId();
    const times = unlockLifetime(now);
    const { sessionKey, iv, blob } = await sessionWrapDataKey(kek, wrapped, unlockAad({ id, userId, sessionId, ...times }));
    const previous = parseTabEntry(this.#tab.load());
    const db = this.#db;
    const written = await db.transaction('rw', db.users, db.unlockSessions, async () => {
      const user = await db.users.get(userId);
      if (!user || (!enable && !user.stayUnlocked)) return false;
      if (enable && !user.stayUnlocked) await db.users.update(userId, { stayUnlocked: true });
      const rows = await db.unlockSessions.where('userId').equals(userId).toArray();
      const damaged = rows.filter((r) => !unlockRecordOrUndefined(r)).map((r) => r.id);
      const stale = staleUnlockRecords(rows.map(unlockRecordOrUndefined).filter((r) => r !== undefined), sessionId, now);
      await db.unlockSessions.bulkDelete([...damaged, ...stale, ...(previous ? [previous.id] : [])]);
      await db.unlockSessions.add({ id, userId, sessionId, v: UNLOCK_SESSION_VERSION, iv, wrapped: blob, ...times });
      return true;
    });
    if (written) this.#tab.save(encodeTabEntry({ v: UNLOCK_SESSION_VERSION, userId, id, key: sessionKey }));
    sessionKey.fill(0);
  }

  /**
   * #rememberTab after a sign-in, an unlock or a password change of an opted-in profile. Those have
   * already succeeded: if the record cannot be written (storage full, …) the tab is simply not kept
   * unlocked — its next reload asks for the password, as without the option.
   */
  async #rememberTabIfYouCan(userId: string, sessionId: string, kek: CryptoKey, wrapped?: Uint8Array): Promise<void> {
    try {
      await this.#rememberTab(userId, sessionId, kek, wrapped ?? readWrappedKey(await this.#db.dataKeys.get(userId)).wrapped);
    } catch {
      this.#tab.clear();
    }
  }

  /** Deletes this tab's stay-unlocked record and forgets its key. */
  async #forgetTab(): Promise<void> {
    const entry = parseTabEntry(this.#tab.load());
    this.#tab.clear();
    if (entry) await this.#db.unlockSessions.delete(entry.id);
  }

  /**
   * Turns "stay unlocked for this session" on for the signed-in profile (its password is asked
   * again, with the lockout) and keeps this tab unlocked across reloads until it is locked, signed
   * out, turned off, the password changes, 12 hours pass, or the tab's session ends.
   */
  async stayUnlocked(session: SessionTokens | string, password: string): Promise<void> {
    const { user, verified } = await this.#userOf(session);
    const kek = await this.#checkPasswordAndDerive(user, password);
    // Opens the data too (a profile from before encryption gets its key here).
    await this.#openData(user, password, kek);
    const stored = readWrappedKey(await this.#db.dataKeys.get(user.id));
    const kekOfStored = kek ?? (await deriveKek(this.#hasher, password, stored.salt, stored.iterations));
    await this.#rememberTab(user.id, verified.sessionId, kekOfStored, stored.wrapped, true);
  }

  /** Turns the option off: every tab's record of the profile is deleted (each stays open until it reloads or locks). */
  async stopStayingUnlocked(session: SessionTokens | string): Promise<void> {
    const { userId } = await this.verify(session);
    const db = this.#db;
    await db.transaction('rw', db.users, db.unlockSessions, async () => {
      await db.users.update(userId, { stayUnlocked: false });
      await db.unlockSessions.where('userId').equals(userId).delete();
    });
    this.#tab.clear();
  }

  /** Locks this tab: the keys and decrypted rows leave memory and its stay-unlocked record is deleted (the password opens it again). */
  async lockTab(): Promise<void> {
    // The tab's record first: lockAll() forgets the tab's key, which names the record.
    const forgotten = this.#forgetTab();
    this.lockAll();
    await forgotten;
  }

  /**
   * After a reload: opens the signed-in profile with this tab's stay-unlocked key when the
   * profile opted in and the key, its record, the session and the lifetime all match
   * (planResume). Returns whether the profile is now unlocked; never asks for anything.
   */
  async resume(session: SessionTokens | string): Promise<boolean> {
    const { user, verified } = await this.#userOf(session);
    if (this.vault.isUnlocked(user.id)) return true;
    const entry = parseTabEntry(this.#tab.load());
    const row = entry ? await this.#db.unlockSessions.get(entry.id) : undefined;
    const record = unlockRecordOrUndefined(row);
    const plan = planResume({ enabled: user.stayUnlocked === true, userId: user.id, sessionId: verified.sessionId, now: this.#now(), entry, record });
    const drop = async () => {
      if (entry) await this.#db.unlockSessions.delete(entry.id);
      this.#tab.clear();
    };
    if (!plan.resume) {
      if (entry && (plan.deleteRecord || (row !== undefined && !record))) await this.#db.unlockSessions.delete(entry.id);
      if (plan.clearTab) this.#tab.clear();
      return false;
    }
    let keys: ProfileKeys;
    try {
      keys = await sessionUnwrapKeys(entry!.key, record!.iv, record!.wrapped, unlockAad(record!));
    } catch {
      // Changed on disk, or a key of another record: useless to every tab, so gone.
      await drop();
      return false;
    }
    this.#unlock(user.id, keys);
    return true;
  }

  #unlock(userId: string, keys: ProfileKeys): void {
    this.vault.unlock(userId, keys);
  }

  /**
   * After the password was verified (`kek` derived from it with the key record's salt): opens the
   * profile's data key. A profile from before encryption gets its key now, and its rows are
   * encrypted in the same transaction that stores the key (so either both happen or neither); any
   * row still unencrypted at a later sign-in is encrypted then.
   */
  async #openData(user: UserRecord, password: string, kek: CryptoKey | null): Promise<void> {
    const stored = await this.#db.dataKeys.get(user.id);
    if (stored && kek) {
      const keys = await unwrapKeys(kek, readWrappedKey(stored).wrapped).catch((err: unknown) => {
        throw new AuthError('ERR_DATA_KEY', 'Your password is right, but this profile’s encryption key record is damaged, so its data cannot be opened.', { cause: err });
      });
      this.#unlock(user.id, keys);
      // Rows written without encryption (an interrupted migration, an older tab): encrypted now.
      await this.personal.migrate(user.id);
      return;
    }
    const params = newKekParams(this.iterations);
    const newKek = await deriveKek(this.#hasher, password, params.salt, params.iterations);
    const { wrapped, keys } = await newDataKey(newKek);
    const now = this.#now();
    this.#unlock(user.id, keys);
    try {
      await this.personal.migrate(user.id, wrappedKeyRecord(user.id, params, wrapped, now));
    } catch (err) {
      this.vault.lock(user.id);
      // Another tab created the key first: open that one instead.
      if (err instanceof Dexie.ConstraintError || (err as { name?: string })?.name === 'ConstraintError') {
        const theirs = readWrappedKey(await this.#db.dataKeys.get(user.id));
        const again = await deriveKek(this.#hasher, password, theirs.salt, theirs.iterations);
        return this.#openData(user, password, again);
      }
      throw err;
    }
  }

  /** Opens the locked data of the signed-in profile (after a reload) with its password. */
  async unlock(session: SessionTokens | string, password: string): Promise<void> {
    const { user, verified } = await this.#userOf(session);
    const kek = await this.#checkPasswordAndDerive(user, password);
    await this.#openData(user, password, kek);
    // Opted in: this tab (e.g. a new one) stays unlocked across its reloads too.
    if (user.stayUnlocked && kek) await this.#rememberTabIfYouCan(user.id, verified.sessionId, kek);
  }

  /** Checks the password and, when the profile has a data key, derives its key-encryption key alongside. */
  async #checkPasswordAndDerive(user: UserRecord, password: string): Promise<CryptoKey | null> {
    const stored = await this.#db.dataKeys.get(user.id);
    const rec = stored ? readWrappedKey(stored) : null;
    return this.#checkPassword(user, password, rec ? () => deriveKek(this.#hasher, password, rec.salt, rec.iterations) : undefined).then((k) => k ?? null);
  }

  /** Profiles on this device, oldest first. */
  async listProfiles(): Promise<PublicProfile[]> {
    return (await this.#db.users.toArray()).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).map(toPublic);
  }

  /** Checks a candidate password (for live feedback in forms). */
  async checkNewPassword(password: string, username?: string): Promise<PasswordCheck> {
    const common = await this.#common();
    return checkPassword(password, username === undefined ? { common } : { common, username });
  }

  async #requireStrong(password: string, username: string): Promise<void> {
    const r = await this.checkNewPassword(password, username);
    if (!r.ok) throw new AuthError('ERR_WEAK_PASSWORD', r.message, { details: { rule: r.rule } });
  }

  /** Creates a profile and signs it in. */
  async signUp(rawUsername: string, password: string): Promise<SessionTokens> {
    const name = checkUsername(rawUsername);
    if (!name.ok) throw new AuthError('ERR_USERNAME_INVALID', name.message, { details: { rule: name.rule } });
    const taken = () => new AuthError('ERR_USERNAME_TAKEN', `The name “${name.username}” is already used on this device. Pick another one.`);
    if (await this.#db.users.where('usernameKey').equals(name.key).count()) throw taken();
    await this.#requireStrong(password, name.username);
    const now = this.#now();
    const id = this.#randomId();
    const params = newKekParams(this.iterations);
    // The verification hash and the key-encryption key: two PBKDF2 runs with independent salts, side by side.
    const [credential, kek] = await Promise.all([
      createCredential(this.#hasher, id, password, this.#credentialOptions(now)),
      deriveKek(this.#hasher, password, params.salt, params.iterations),
    ]);
    const { wrapped, keys } = await newDataKey(kek);
    try {
      await this.#db.transaction('rw', this.#db.users, this.#db.credentials, this.#db.dataKeys, async () => {
        const avatar = (await this.#db.users.count()) % AVATAR_COUNT;
        await this.#db.users.add({ id, username: name.username, usernameKey: name.key, createdAt: now, avatar });
        await this.#db.credentials.add(credential);
        await this.#db.dataKeys.add(wrappedKeyRecord(id, params, wrapped, now));
      });
    } catch (err) {
      // The unique index on usernameKey settles a race between two tabs signing up the same name.
      if (err instanceof Dexie.ConstraintError) throw taken();
      throw err;
    }
    this.#unlock(id, keys);
    return this.tokens.issue(id);
  }

  #credentialOptions(now: number) {
    return this.#randomBytes ? { iterations: this.iterations, now, randomBytes: this.#randomBytes } : { iterations: this.iterations, now };
  }

  /** Epoch ms until which `username` is locked after failed attempts (0 when it is not). */
  async lockedUntil(username: string): Promise<number> {
    const user = await this.#db.users.where('usernameKey').equals(usernameKey(username)).first();
    if (!user) return 0;
    const state = await this.#db.loginAttempts.get(user.id);
    return lockRemainingMs(state, this.#now()) > 0 ? (state?.lockedUntil ?? 0) : 0;
  }

  /**
   * Checks `password` for `user`, honouring and updating the lockout. Used by sign-in and by the
   * operations that re-ask the password, so none of them can be used to guess faster.
   *
   * The failure is recorded *provisionally*, in the same transaction that checks the lock, before
   * the slow hash runs: IndexedDB serialises read-write transactions on a store, so however many
   * attempts are in flight (several tabs, several forms), each one either sees the lock or counts
   * towards it. At most `freeFailures + 1` passwords are ever checked before the pause. A right
   * password then clears the count. In the app, attempts on one profile are also serialised across
   * tabs (`serialise`, navigator.locks), so a success cannot erase a failure recorded meanwhile.
   */
  async #checkPassword<T = never>(user: UserRecord, password: string, alongside?: () => Promise<T>): Promise<T | undefined> {
    return this.#serialise(`recostream-login:${user.id}`, () => this.#checkPasswordNow(user, password, alongside));
  }

  /**
   * `alongside` (deriving the key-encryption key) starts only once the attempt is counted, runs
   * while the hash is checked, and its result is used only when the password is right.
   */
  async #checkPasswordNow<T>(user: UserRecord, password: string, alongside?: () => Promise<T>): Promise<T | undefined> {
    const db = this.#db;
    const before = this.#now();
    const attempt = await db.transaction('rw', db.loginAttempts, async () => {
      const state = await db.loginAttempts.get(user.id);
      if (lockRemainingMs(state, before) > 0 && state) return { locked: true as const, until: state.lockedUntil };
      const next = recordFailure(state, before, this.#lockout);
      await db.loginAttempts.put({ userId: user.id, ...next });
      return { locked: false as const, next };
    });
    if (attempt.locked) throw this.#locked(attempt.until, before, false);
    const extra = alongside?.();
    // Never an unhandled rejection when the password turns out wrong.
    extra?.catch(() => undefined);
    const credential = await db.credentials.get(user.id);
    const ok = credential !== undefined && (await verifyCredential(this.#hasher, credential, password));
    if (ok) {
      await db.loginAttempts.delete(user.id);
      if (needsRehash(credential, this.iterations)) {
        await db.credentials.put(await createCredential(this.#hasher, user.id, password, this.#credentialOptions(this.#now())));
      }
      return extra;
    }
    const { next } = attempt;
    if (next.lockedUntil > before) throw this.#locked(next.lockedUntil, this.#now(), true);
    const left = this.#lockout.freeFailures + 1 - next.failures;
    const pause = Math.round(this.#lockout.baseDelayMs / 1000);
    throw new AuthError(
      'ERR_WRONG_PASSWORD',
      left === 1
        ? `Wrong password. One more wrong try and this profile pauses for ${pause} seconds.`
        : `Wrong password. ${left} tries left before a ${pause}-second pause.`,
    );
  }

  #locked(until: number, now: number, justFailed: boolean): AuthError {
    const text = lockedMessage(secondsUntil(until, now));
    return new AuthError('ERR_LOCKED', justFailed ? `Wrong password. ${text}` : text, { details: { retryAt: until } });
  }

  /** Signs in the profile called `username`. */
  async login(username: string, password: string): Promise<SessionTokens> {
    const user = await this.#db.users.where('usernameKey').equals(usernameKey(username)).first();
    if (!user) {
      throw new AuthError('ERR_UNKNOWN_USER', `There is no profile called “${username.trim()}” on this device. Check the name or create a profile.`);
    }
    const kek = await this.#checkPasswordAndDerive(user, password);
    await this.#openData(user, password, kek);
    const tokens = await this.tokens.issue(user.id);
    if (user.stayUnlocked && kek) await this.#rememberTabIfYouCan(user.id, (await this.verify(tokens)).sessionId, kek);
    return tokens;
  }

  /** Verifies an access token (or the access token of a pair); see TokenService.verifyAccess. */
  verify(session: SessionTokens | string): Promise<VerifiedSession> {
    return this.tokens.verifyAccess(typeof session === 'string' ? session : session?.accessToken);
  }

  /**
   * Runs `fn` for the user the access token proves. The one way other services should learn a
   * userId: never take one from a caller.
   */
  async withUser<T>(session: SessionTokens | string, fn: (userId: string, verified: VerifiedSession) => Promise<T>): Promise<T> {
    const verified = await this.verify(session);
    return fn(verified.userId, verified);
  }

  /** Rotates the refresh token into a new pair. */
  refresh(session: SessionTokens): Promise<SessionTokens> {
    return this.tokens.rotate(session?.refreshToken);
  }

  /** Ends the session the tokens belong to. Never fails on bad tokens: there is then nothing to end. */
  async logout(session: SessionTokens | null | undefined): Promise<void> {
    if (!session) return;
    const found = (await this.tokens.sessionOf(session.refreshToken)) ?? (await this.tokens.sessionOf(session.accessToken));
    if (!found) return;
    await this.tokens.revokeSession(found.sessionId);
    // Signing out ends staying unlocked in every tab of that session (records of older sessions
    // cannot be resumed either; they are pruned at the next write).
    const ended = await this.#db.unlockSessions.where('userId').equals(found.userId).filter((r) => r.sessionId === found.sessionId).primaryKeys();
    await this.#db.unlockSessions.bulkDelete(ended);
    const entry = parseTabEntry(this.#tab.load());
    if (entry && ended.includes(entry.id)) this.#tab.clear();
  }

  /** The signed-in profile. */
  async currentProfile(session: SessionTokens | string): Promise<CurrentProfile> {
    return this.withUser(session, async (userId) => {
      const user = await this.#db.users.get(userId);
      if (!user) throw new AuthError('ERR_SESSION_REVOKED', 'This profile no longer exists. Please sign in again.');
      return { ...toPublic(user), stayUnlocked: user.stayUnlocked === true };
    });
  }

  async #userOf(session: SessionTokens | string): Promise<{ user: UserRecord; verified: VerifiedSession }> {
    const verified = await this.verify(session);
    const user = await this.#db.users.get(verified.userId);
    if (!user) throw new AuthError('ERR_SESSION_REVOKED', 'This profile no longer exists. Please sign in again.');
    return { user, verified };
  }

  /**
   * Changes the password (the current one is required); ends every session and returns a new one.
   * The data key is rewrapped under the new password in the same transaction as the new hash: no
   * record is re-encrypted.
   */
  async changePassword(session: SessionTokens | string, currentPassword: string, newPassword: string): Promise<SessionTokens> {
    const { user } = await this.#userOf(session);
    const oldKek = await this.#checkPasswordAndDerive(user, currentPassword);
    await this.#requireStrong(newPassword, user.username);
    if (!oldKek) await this.#openData(user, currentPassword, null);
    const stored = readWrappedKey(await this.#db.dataKeys.get(user.id));
    const kekOfStored = oldKek ?? (await deriveKek(this.#hasher, currentPassword, stored.salt, stored.iterations));
    const now = this.#now();
    const params = newKekParams(this.iterations);
    const [credential, newKek] = await Promise.all([
      createCredential(this.#hasher, user.id, newPassword, this.#credentialOptions(now)),
      deriveKek(this.#hasher, newPassword, params.salt, params.iterations),
    ]);
    const rewrapped = await rewrapDataKey(kekOfStored, newKek, stored.wrapped);
    await this.#db.transaction('rw', this.#db.credentials, this.#db.dataKeys, this.#db.unlockSessions, async () => {
      await this.#db.credentials.put(credential);
      await this.#db.dataKeys.put(wrappedKeyRecord(user.id, params, rewrapped, now, stored.createdAt));
      // Every tab's stay-unlocked key goes with the old password.
      await this.#db.unlockSessions.where('userId').equals(user.id).delete();
    });
    this.#tab.clear();
    await this.tokens.revokeUserSessions(user.id);
    const fresh = await this.tokens.issue(user.id);
    // Opted in: this tab, where the password was changed, stays unlocked under its new session.
    if (user.stayUnlocked) await this.#rememberTabIfYouCan(user.id, (await this.verify(fresh)).sessionId, newKek, rewrapped);
    return fresh;
  }

  /** Deletes the signed-in profile and every record it owns, in one transaction (password required). */
  async deleteProfile(session: SessionTokens | string, password: string): Promise<void> {
    const { user } = await this.#userOf(session);
    await this.#checkPassword(user, password);
    const db = this.#db;
    // The wrapped data key goes with the records (dataKeys is a per-user table): crypto-shredding.
    await db.transaction('rw', [db.users, ...db.perUserTables], async () => {
      await db.users.delete(user.id);
      for (const table of db.perUserTables) await table.where('userId').equals(user.id).delete();
    });
    this.vault.lock(user.id);
    this.personal.forget(user.id);
    this.#tab.clear();
  }
}
