/** Record types stored in IndexedDB. Every per-user record carries `userId`. */

export interface UserRecord {
  id: string;
  /** As typed at sign-up (trimmed), for display. */
  username: string;
  /** Case-folded username, unique on the device. */
  usernameKey: string;
  createdAt: number;
  /** Avatar colour index, for the profile picker. */
  avatar: number;
  /** Opted in to "stay unlocked for this session" (README: Accounts on this device). Absent: off. */
  stayUnlocked?: boolean;
}

export interface CredentialRecord {
  userId: string;
  algorithm: 'PBKDF2-SHA256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
  updatedAt: number;
}

/** One refresh token in a rotation family. */
export interface RefreshTokenRecord {
  /** jti of the refresh token. */
  id: string;
  userId: string;
  familyId: string;
  issuedAt: number;
  expiresAt: number;
  /** Set when the token was exchanged; a second use revokes the family. */
  usedAt: number | null;
  revoked: boolean;
}

export interface KeyRecord {
  name: string;
  key: CryptoKey;
  createdAt: number;
}

export interface LoginAttemptRecord {
  userId: string;
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export type FeedbackKind = 'like' | 'dislike' | 'click';

/** Where an event happened, so models can learn from context. */
export type FeedbackSurface = 'home-row' | 'search' | 'semantic' | 'movie-page' | 'discover' | 'feedback-page' | 'insights';

export interface FeedbackRecord {
  id?: number;
  userId: string;
  movieId: number;
  kind: FeedbackKind;
  at: number;
  surface: FeedbackSurface;
  /** Row or list name within the surface ("Popular", "Because you liked …"). */
  list?: string;
  /** Free-text query when the event came from a search. */
  query?: string;
  /** Position in the list shown (0-based). */
  position?: number;
  /** Impression that produced the shown item, when logged. */
  impressionId?: number;
}

/** A recommendation shown to the user with the features it was scored on. */
export interface ImpressionRecord {
  id?: number;
  userId: string;
  at: number;
  surface: FeedbackSurface;
  movieId: number;
  position: number;
  /** Feature vector the ranker/bandit saw, named by the model that logged it. */
  model: string;
  features: number[];
  /** Probability with which the item was chosen (bandit propensity), 1 for deterministic rankers. */
  propensity: number;
  query?: string;
}

export interface SettingRecord {
  userId: string;
  key: string;
  value: unknown;
}

export interface ModelStateRecord {
  userId: string;
  model: string;
  version: number;
  updatedAt: number;
  state: unknown;
}

/** Device-wide values (not per user). */
export interface MetaRecord {
  key: string;
  value: unknown;
}
