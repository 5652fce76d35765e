import { describe, expect, it } from 'vitest';
import { isClauseBreak, joinsPhrase, normaliseQuery, tokenize } from './tokenize';

describe('tokenize', () => {
  it('keeps offsets into the original text', () => {
    const text = 'Sci-Fi, from the ’90s!';
    const toks = tokenize(text);
    expect(toks.map((t) => t.text)).toEqual(['sci', 'fi', 'from', 'the', '90s']);
    for (const t of toks) expect(text.slice(t.start, t.end).toLowerCase()).toBe(t.text);
    expect(toks.map((t) => t.gap)).toEqual(['', '-', ',', '', "'"]);
  });
  it('keeps contractions and inner apostrophes in one token', () => {
    expect(tokenize("I'm sad, don't care").map((t) => t.text)).toEqual(["i'm", 'sad', "don't", 'care']);
    expect(tokenize('I’m').map((t) => t.text)).toEqual(["i'm"]);
    expect(tokenize("90's").map((t) => t.text)).toEqual(["90's"]);
  });
  it('handles letters beyond ASCII and empty input', () => {
    expect(tokenize('Amélie café').map((t) => t.text)).toEqual(['amélie', 'café']);
    expect(tokenize('')).toEqual([]);
    expect(normaliseQuery('ÀB’c')).toBe("àb'c");
  });
  it('classifies gaps', () => {
    expect(isClauseBreak(',')).toBe(true);
    expect(isClauseBreak('-')).toBe(false);
    expect(joinsPhrase('-')).toBe(true);
    expect(joinsPhrase('')).toBe(true);
    expect(joinsPhrase(',')).toBe(false);
  });
});
