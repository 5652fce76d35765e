/** Username rules: trimmed, NFC-normalised, 3–32 letters/digits/space/._-, unique case-insensitively. */

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;

/** One of the accepted characters: any letter (with its combining marks), digit, space, `.`, `_`, `-`. */
const ALLOWED = /^[\p{L}\p{M}\p{Nd} ._-]$/u;

/** A username ready to store, or the rule it broke with a message for people. */
export type UsernameCheck =
  | { ok: true; username: string; key: string }
  | { ok: false; rule: 'too-short' | 'too-long' | 'character' | 'edges'; message: string };

/** Display form: NFC, trimmed, inner runs of whitespace collapsed to one space. */
export function normaliseUsername(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** Case-insensitive identity of a username ("Ada", "ADA" and "ada" share one key; "Straße" = "STRASSE"). */
export function usernameKey(raw: string): string {
  // Upper then lower approximates Unicode full case folding (ß → SS → ss) without tables.
  return normaliseUsername(raw).toUpperCase().toLowerCase().normalize('NFC');
}

/** Checks a typed username against the rules. */
export function checkUsername(raw: string): UsernameCheck {
  const username = normaliseUsername(raw);
  const chars = Array.from(username);
  const rules = `Use ${USERNAME_MIN} to ${USERNAME_MAX} characters: letters, digits, spaces, dots, underscores or hyphens.`;
  if (chars.length < USERNAME_MIN) {
    return { ok: false, rule: 'too-short', message: `That name is too short. ${rules}` };
  }
  if (chars.length > USERNAME_MAX) {
    return { ok: false, rule: 'too-long', message: `That name is too long (${chars.length} characters). ${rules}` };
  }
  const bad = chars.find((c) => !ALLOWED.test(c));
  if (bad !== undefined) {
    const shown = /\p{C}|\p{Z}/u.test(bad) ? `U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : `"${bad}"`;
    return { ok: false, rule: 'character', message: `${shown} is not allowed in a name. ${rules}` };
  }
  if (!/^[\p{L}\p{Nd}]/u.test(username) || !/[\p{L}\p{M}\p{Nd}]$/u.test(username)) {
    return { ok: false, rule: 'edges', message: 'A name must start with a letter or digit and end with a letter or digit.' };
  }
  return { ok: true, username, key: usernameKey(username) };
}
