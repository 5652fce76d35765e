/** Base of the services whose every operation is scoped to the user a session token proves. */
import type { AuthService } from './auth/auth-service';
import type { SessionTokens } from './auth/tokens';
import type { RecoStreamDB } from './db/database';

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
}
