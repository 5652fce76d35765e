/** Base of the services whose every operation is scoped to the user a session token proves. */
import type { AuthService } from './auth/auth-service';
import type { SessionTokens } from './auth/tokens';
import type { RecoStreamDB } from './db/database';
import type { PersonalStore } from './db/personal';

/** Tokens of a session, or an access token alone. */
export type Session = SessionTokens | string;

export abstract class UserScopedService {
  protected readonly db: RecoStreamDB;
  protected readonly auth: AuthService;
  protected readonly now: () => number;

  constructor(db: RecoStreamDB, auth: AuthService, now: () => number = Date.now) {
    this.db = db;
    this.auth = auth;
    this.now = now;
  }

  /** The encrypting repository: every personal record is read and written through it. */
  protected get store(): PersonalStore {
    return this.auth.personal;
  }
}
