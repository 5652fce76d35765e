/**
 * The signed-in profile as rune state. Tokens are not cached here: they are read from the token
 * store on each use, so tabs sharing one session always use the newest pair.
 */
import { AuthError, endsSession, isAuthError } from '../core/auth/errors';
import { describeError } from '../core/auth/messages';
import type { CurrentProfile } from '../services/auth/auth-service';
import { authRuntime } from '../services/auth/runtime';
import type { SessionTokens } from '../services/auth/tokens';
import { currentHref, navigate } from './router.svelte';

/** Refresh the access token when it has less than this left. */
const REFRESH_MARGIN_MS = 60_000;
/** How often a signed-in tab checks that its session is still valid. */
const CHECK_EVERY_MS = 60_000;

const signedOut = () => new AuthError('ERR_SESSION_EXPIRED', 'You are signed out. Please sign in.');

/**
 * Whether `tokens` need a refresh, decided only from a *verified* access token: an edited token is
 * refused (ERR_TOKEN_INVALID), never silently replaced because it claims to have expired. A
 * genuinely expired one (its signature checks out) needs a refresh. The last verified token's
 * expiry is remembered, so the common case costs no second verification.
 */
let verified: { token: string; expiresAt: number } | null = null;
async function expiresSoon(tokens: SessionTokens, now: number): Promise<boolean> {
  if (verified?.token !== tokens.accessToken) {
    try {
      const v = await authRuntime().auth.verify(tokens);
      verified = { token: tokens.accessToken, expiresAt: v.expiresAt };
    } catch (err) {
      if (isAuthError(err, 'ERR_SESSION_EXPIRED')) return true;
      throw err;
    }
  }
  return verified.expiresAt - now < REFRESH_MARGIN_MS;
}

const NOTICE_KEY = 'recostream.notice';

/** The sign-out notice survives a reload of the tab (sessionStorage), so its reason is not lost. */
function storedNotice(): string | null {
  try {
    return sessionStorage.getItem(NOTICE_KEY);
  } catch {
    return null;
  }
}

class SessionState {
  /** 'locked': a valid session whose profile's data key is not in this page's memory (after a reload): its password opens it. */
  status = $state<'loading' | 'signed-out' | 'locked' | 'signed-in'>('loading');
  user = $state<CurrentProfile | null>(null);
  #notice = $state<string | null>(storedNotice());
  #init: Promise<void> | undefined;
  #listeners: ((userId: string | null) => void)[] = [];
  #announced: string | null | undefined;

  /**
   * Calls `fn` with the signed-in profile's id (null when signed out) once the session is known,
   * and again whenever it changes — sign-in, sign-out, expiry, or another tab's switch.
   */
  onProfileChange(fn: (userId: string | null) => void): void {
    this.#listeners.push(fn);
    if (this.#announced !== undefined) fn(this.#announced);
  }

  #announce(): void {
    const id = this.status === 'signed-in' ? (this.user?.id ?? null) : null;
    if (this.status === 'loading' || id === this.#announced) return;
    this.#announced = id;
    for (const fn of this.#listeners) fn(id);
  }

  /** Why the last session ended, shown on the sign-in page until the next sign-in. */
  get notice(): string | null {
    return this.#notice;
  }
  set notice(value: string | null) {
    this.#notice = value;
    try {
      if (value) sessionStorage.setItem(NOTICE_KEY, value);
      else sessionStorage.removeItem(NOTICE_KEY);
    } catch {
      // Storage blocked: the notice lasts as long as the page.
    }
  }

  /** Restores the session from storage (once per page) and starts watching it. */
  init(): Promise<void> {
    if (!this.#init) {
      const { store } = authRuntime();
      store.subscribe(() => void this.#restore('other-tab'));
      // The session is verified whenever it matters, not only by whatever guarded call happens next:
      // every minute, when the tab comes back, and on every navigation (a page such as Account shows
      // the profile from memory and makes no guarded call of its own).
      setInterval(() => void this.check(), CHECK_EVERY_MS);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void this.check();
      });
      window.addEventListener('hashchange', () => void this.check());
      this.#init = this.#restore('load');
    }
    return this.#init;
  }

  async #restore(why: 'load' | 'other-tab'): Promise<void> {
    const { store, auth } = authRuntime();
    if (!store.load()) {
      if (why === 'other-tab' && this.status === 'signed-in') this.notice = 'You signed out in another tab.';
      this.#setSignedOut();
      return;
    }
    try {
      const tokens = await this.tokens();
      this.user = await auth.currentProfile(tokens);
      // Only this profile's key may stay in memory; without it the profile waits for its password,
      // unless it opted in to staying unlocked and this tab still holds its session key.
      auth.lockAll(this.user.id);
      const open = auth.isUnlocked(this.user.id) || (await auth.resume(tokens).catch(() => false));
      this.status = open ? 'signed-in' : 'locked';
      this.#announce();
    } catch (err) {
      if (endsSession(err)) {
        await auth.logout(store.load()).catch(() => undefined);
        store.clear();
      }
      this.notice = describeError(err);
      this.#setSignedOut();
    }
  }

  #setSignedOut(): void {
    authRuntime().auth.lockAll();
    this.user = null;
    this.status = 'signed-out';
    this.#announce();
  }

  async #signedIn(tokens: SessionTokens): Promise<void> {
    const { store, auth } = authRuntime();
    // Switching profiles (or signing in again) ends the session this tab held before, in the database too.
    const previous = store.load();
    store.save(tokens);
    if (previous && previous.refreshToken !== tokens.refreshToken) await auth.logout(previous).catch(() => undefined);
    this.user = await auth.currentProfile(tokens);
    auth.lockAll(this.user.id);
    this.notice = null;
    this.status = 'signed-in';
    this.#announce();
  }

  /** Opens the locked profile of this session with its password. Throws AuthError with a message to show. */
  async unlock(password: string): Promise<void> {
    const { auth } = authRuntime();
    const tokens = await this.tokens();
    await auth.unlock(tokens, password);
    this.user = await auth.currentProfile(tokens);
    this.status = 'signed-in';
    this.#announce();
  }

  /** Turns "stay unlocked for this session" on (password required). Throws AuthError with a message to show. */
  async stayUnlocked(password: string): Promise<void> {
    const { auth } = authRuntime();
    await this.guard((t) => auth.stayUnlocked(t, password));
    this.user = await auth.currentProfile(await this.tokens());
  }

  /** Turns it off: no tab of this profile reopens without the password after its next reload. */
  async stopStayingUnlocked(): Promise<void> {
    const { auth } = authRuntime();
    await this.guard((t) => auth.stopStayingUnlocked(t));
    this.user = await auth.currentProfile(await this.tokens());
  }

  /** Locks the profile in this tab now (keys out of memory, this tab's stay-unlocked key deleted); the Unlock page shows. */
  async lock(): Promise<void> {
    await authRuntime().auth.lockTab();
    if (this.status === 'signed-in') {
      this.status = 'locked';
      this.#announce();
    }
  }

  /** Changes the password (the current one is required); this tab keeps its new session. Throws AuthError with a message to show. */
  async changePassword(current: string, next: string): Promise<void> {
    const { auth, store } = authRuntime();
    const fresh = await this.guard((t) => auth.changePassword(t, current, next));
    store.save(fresh);
  }

  /** Creates a profile and signs it in. Throws AuthError with a message to show. */
  async signUp(username: string, password: string): Promise<void> {
    await this.#signedIn(await authRuntime().auth.signUp(username, password));
  }

  /** Signs a profile in. Throws AuthError with a message to show. */
  async login(username: string, password: string): Promise<void> {
    await this.#signedIn(await authRuntime().auth.login(username, password));
  }

  /** Signs out here and in every tab; the session's tokens stop working everywhere. */
  async logout(): Promise<void> {
    const { store, auth } = authRuntime();
    const tokens = store.load();
    store.clear();
    this.#setSignedOut();
    this.notice = null;
    await auth.logout(tokens);
  }

  /** Valid tokens for a guarded call, refreshed (rotated) when the access token is about to expire. */
  async tokens(): Promise<SessionTokens> {
    const { store, auth } = authRuntime();
    const current = store.load();
    if (!current) throw signedOut();
    if (!(await expiresSoon(current, Date.now()))) return current;
    const rotate = async (): Promise<SessionTokens> => {
      // Re-read inside the lock: another tab may have rotated the pair meanwhile.
      const latest = store.load();
      if (!latest) throw signedOut();
      if (!(await expiresSoon(latest, Date.now()))) return latest;
      const next = await auth.refresh(latest);
      store.save(next);
      return next;
    };
    return navigator.locks ? navigator.locks.request('recostream-session-refresh', rotate) : rotate();
  }

  /**
   * Runs a guarded operation with fresh tokens. If the session has ended it signs out, sends the
   * person to the sign-in page (remembering this page) and rethrows the AuthError.
   */
  async guard<T>(fn: (tokens: SessionTokens) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.tokens());
    } catch (err) {
      if (endsSession(err)) this.end(err);
      else if (isAuthError(err, 'ERR_PROFILE_LOCKED') && this.status === 'signed-in') {
        this.status = 'locked';
        this.#announce();
      }
      throw err;
    }
  }

  /** Verifies the session now (ends it if it is over). */
  async check(): Promise<void> {
    if (this.status !== 'signed-in') return;
    await this.guard((t) => authRuntime().auth.verify(t)).catch(() => undefined);
  }

  /** Ends the session after `err` and goes to sign-in, coming back here afterwards. */
  end(err: unknown): void {
    // Several guarded calls can fail at once (rows, feedback, Discover): the first one ends the
    // session; the others must not navigate again (that would make the sign-in page its own "next").
    if (this.status === 'signed-out') return;
    // Refused while the page was still restoring it (a stored token edited or revoked): the person
    // was never signed in on this page, so the reason is shown where they are, not on a detour.
    const restoring = this.status === 'loading';
    const name = this.user?.username;
    const { store, auth } = authRuntime();
    // A rejected session is also ended in the database (whatever part of it is still genuine).
    void auth.logout(store.load()).catch(() => undefined);
    store.clear();
    this.notice = describeError(err);
    this.#setSignedOut();
    if (restoring) return;
    navigate(name ? { name: 'login', next: currentHref(), user: name } : { name: 'login', next: currentHref() });
  }
}

/** The one session of this page. */
export const session = new SessionState();
