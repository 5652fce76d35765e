/**
 * What every form asking for a password shares (Unlock, Delete profile, Change password, Stay
 * unlocked): one submission at a time, a progress text while it runs, the failure as a message for
 * people (never a stack trace), and the typed password cleared after success or when it was wrong.
 */
import { isAuthError, type AuthErrorCode } from '../../core/auth/errors';
import { describeError } from '../../core/auth/messages';

/** After these the typed password is cleared: it was wrong, or there is nothing to retry for a while. */
export const CLEAR_PASSWORD_ON: readonly AuthErrorCode[] = ['ERR_WRONG_PASSWORD', 'ERR_LOCKED'];

export class PasswordForm {
  password = $state('');
  /** The last failure, as a message to show ('' when none). */
  error = $state('');
  /** What is happening while the action runs ('' when idle). */
  busy = $state('');
  /** The last success message ('' when none). */
  done = $state('');
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get running(): boolean {
    return this.busy !== '';
  }

  /**
   * Runs `action` with the typed password while showing `progress`; a string it returns is shown
   * as the success message. Ignored (false) while another run is in progress. True on success.
   */
  async run(progress: string, action: (password: string) => Promise<string | void>): Promise<boolean> {
    if (this.running) return false;
    this.error = '';
    this.done = '';
    this.busy = progress;
    try {
      const message = await action(this.password);
      this.password = '';
      if (typeof message === 'string') this.done = message;
      return true;
    } catch (err) {
      this.error = describeError(err, this.#now());
      if (isAuthError(err, ...CLEAR_PASSWORD_ON)) this.password = '';
      return false;
    } finally {
      this.busy = '';
    }
  }

  /** A form's onsubmit handler: no page load, then `run`. */
  onsubmit(progress: string, action: (password: string) => Promise<string | void>): (e: SubmitEvent) => void {
    return (e) => {
      e.preventDefault();
      void this.run(progress, action);
    };
  }

  /** Back to empty (a cancelled form). */
  reset(): void {
    this.password = '';
    this.error = '';
    this.done = '';
  }
}
