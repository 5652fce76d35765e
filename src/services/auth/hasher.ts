/** Where PBKDF2 runs: in this thread (Node tests, fallback) or in the crypto worker (the app). */
import { pbkdf2Sha256 } from './pbkdf2';

/** Derives a password hash; implementations differ only in which thread does the work. */
export interface PasswordHasher {
  derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array>;
}

/** Runs PBKDF2 on the calling thread. Use in tests and where Workers are unavailable. */
export const inThreadHasher: PasswordHasher = {
  derive: (password, salt, iterations) => pbkdf2Sha256(password, salt, iterations),
};
