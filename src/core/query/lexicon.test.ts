import { describe, expect, it } from 'vitest';
import { correctTypo, lexiconKeys, lookup, matchAt, singulars, typoKeys } from './lexicon';
import { tokenize } from './tokenize';
import { TYPO_GUARD } from './typo-guard';

describe('lexicon', () => {
  it('stores every phrase in the form the tokenizer produces', () => {
    for (const key of lexiconKeys()) {
      expect(
        tokenize(key)
          .map((t) => t.text)
          .join(' '),
      ).toBe(key);
    }
  });
  it('merges the meanings of a phrase from several tables', () => {
    const kinds = lookup('sad')!.map((e) => e.t);
    expect(kinds).toContain('mood');
    expect(kinds).toContain('state');
    const fun = lookup('fun')!.find((e) => e.t === 'mood');
    expect(fun).toEqual({ t: 'mood', moods: [['feel-good', 0.5], ['funny', 0.7]] });
  });
  it('prefers the longest phrase', () => {
    const m = matchAt(tokenize('romantic comedy tonight'), 0)!;
    expect(m.key).toBe('romantic comedy');
    expect(m.end).toBe(2);
  });
  it('does not join words across a comma', () => {
    expect(matchAt(tokenize('romantic, comedy'), 0)!.key).toBe('romantic');
  });
  it('finds plurals of genre nouns, including the last word of a phrase', () => {
    expect(singulars('comedies')).toEqual(['comedy', 'comedi', 'comedie']);
    expect(singulars('class')).toEqual([]);
    expect(matchAt(tokenize('westerns'), 0)).toMatchObject({ key: 'western', via: 'plural' });
    expect(matchAt(tokenize('rom-coms'), 0)).toMatchObject({ key: 'rom com', via: 'plural', end: 2 });
  });
});

describe('typo correction', () => {
  it('corrects one edit on words of at least 5 letters', () => {
    expect(correctTypo('thriler')).toBe('thriller'); // deletion
    expect(correctTypo('comdey')).toBe('comedy'); // transposition
    expect(correctTypo('westren')).toBe('western'); // transposition
    expect(correctTypo('horrir')).toBe('horror'); // substitution
    expect(correctTypo('mysteryy')).toBe('mystery'); // insertion
  });
  it('refuses short words, two edits and guarded real words', () => {
    expect(correctTypo('wsr')).toBeNull();
    expect(correctTypo('dram')).toBeNull();
    expect(correctTypo('thrlr')).toBeNull();
    expect(correctTypo('eastern')).toBeNull(); // two edits from "western"
    for (const w of ['sunny', 'bunny', 'auction', 'mastery']) {
      expect(TYPO_GUARD.has(w), w).toBe(true);
      expect(correctTypo(w), w).toBeNull();
    }
  });
  it('only corrects towards genre, mood, feeling and negation words', () => {
    expect(typoKeys()).toContain('documentary');
    expect(typoKeys()).not.toContain('recommend');
    expect(typoKeys().every((k) => k.length >= 5 && !k.includes(' '))).toBe(true);
  });
});
