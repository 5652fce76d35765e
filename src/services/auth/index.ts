/** Accounts, sessions and per-user data on this device. */
export { AuthService, AVATAR_COUNT, type AuthServiceOptions, type PublicProfile } from './auth-service';
export { TokenService, type SessionTokens, type VerifiedSession } from './tokens';
export { UserDataService, type ImportSummary, type NewFeedback } from './user-data';
export { inThreadHasher, type PasswordHasher } from './hasher';
export { memoryTokenStore, storageTokenStore, TOKEN_STORAGE_KEY, type TokenStore } from './token-store';
export { AuthError, endsSession, isAuthError, type AuthErrorCode } from '../../core/auth/errors';
