/**
 * Password rules after NIST SP 800-63B §5.1.1.2: length 8–256 characters, every character allowed
 * (spaces and emoji too), no composition rules, and refusal of common and context-specific
 * passwords. Passwords are compared in a folded form (NFKC, lower case).
 */

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Words a password must not be built from, besides the username. */
const SERVICE_WORDS = ['recostream', 'reco stream'];

/** A membership test for the bundled list of common passwords (folded form). */
export interface CommonPasswordList {
  has(folded: string): boolean;
  readonly size: number;
}

/** Outcome of a password check: the failed rule and a message that says why. */
export type PasswordCheck =
  | { ok: true }
  | { ok: false; rule: 'too-short' | 'too-long' | 'common' | 'context' | 'repetitive'; message: string };

/** What the check knows about the account the password is for. */
export interface PasswordContext {
  username?: string;
  common: CommonPasswordList;
}

/** The form in which passwords are compared to the lists: NFKC, then lower case. */
export function foldPassword(password: string): string {
  return password.normalize('NFKC').toLowerCase();
}

/** The form that is hashed: NFKC (SP 800-63B asks for NFKC or NFKD before hashing). */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Builds the lookup for a newline-separated list, as generated into common-passwords.ts. */
export function commonPasswordList(newlineSeparated: string): CommonPasswordList {
  const set = new Set(newlineSeparated.split('\n').filter((s) => s.length > 0));
  return { has: (folded) => set.has(folded), size: set.size };
}

/** True when the whole password is one character repeated, or a run like "abcdefgh" / "98765432". */
function isRepetitiveOrSequential(chars: readonly string[]): boolean {
  if (chars.every((c) => c === chars[0])) return true;
  const codes = chars.map((c) => c.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  if (Math.abs(step) !== 1) return false;
  return codes.every((c, i) => i === 0 || c - (codes[i - 1] ?? 0) === step);
}

/** Strips digits and punctuation from both ends ("ada2024!" → "ada") to catch simple derivatives. */
function core(folded: string): string {
  return folded.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '');
}

/** Checks a new password. The messages say what to do, never which characters to add. */
export function checkPassword(password: string, context: PasswordContext): PasswordCheck {
  const chars = Array.from(normalisePassword(password));
  if (chars.length < PASSWORD_MIN) {
    return {
      ok: false,
      rule: 'too-short',
      message: `Use at least ${PASSWORD_MIN} characters (you have ${chars.length}). A few unrelated words make a strong, memorable passphrase.`,
    };
  }
  if (chars.length > PASSWORD_MAX) {
    return { ok: false, rule: 'too-long', message: `Use at most ${PASSWORD_MAX} characters (you have ${chars.length}).` };
  }
  const folded = foldPassword(password);
  if (context.common.has(folded)) {
    return {
      ok: false,
      rule: 'common',
      message: 'This password is on a list of commonly used passwords that attackers try first. Choose something less predictable.',
    };
  }
  const stem = core(folded);
  const words = [...SERVICE_WORDS];
  if (context.username !== undefined) words.push(foldPassword(context.username.trim()));
  if (words.some((w) => w.length > 0 && (folded === w || stem === w || stem.replace(/\s+/gu, '') === w.replace(/\s+/gu, '')))) {
    return { ok: false, rule: 'context', message: 'Do not base your password on your name or on the name of this app.' };
  }
  if (isRepetitiveOrSequential(Array.from(folded))) {
    return { ok: false, rule: 'repetitive', message: 'Repeated or sequential characters (like "aaaaaaaa" or "abcdefgh") are easy to guess.' };
  }
  return { ok: true };
}
