import { describe, expect, it } from 'vitest';
import { MOOD_INDEX as I, MOOD_IDS } from './moods';
import {
  blendEncoderSimilarity,
  combineEvidence,
  computeMoodMatrix,
  computeMoodProfile,
  extractEvidence,
  genrePrior,
  moodRow,
  tagEvidence,
} from './profile';

describe('genre prior', () => {
  it('uses the genre affinity of a single genre', () => {
    const p = genrePrior(['Comedy']);
    expect(p[I.funny]).toBeCloseTo(0.7, 6);
    expect(p[I['feel-good']]).toBeCloseTo(0.35, 6);
    expect(p[I.relaxing]).toBeCloseTo(0.25, 6);
    expect(p[I.scary]).toBe(0);
    expect(p[I.sad]).toBe(0);
  });
  it('noisy-ORs positive genres and damps by anti-genres', () => {
    const p = genrePrior(['Horror', 'Comedy']);
    expect(p[I.scary]).toBeCloseTo(0.85 * (1 - 0.3), 6); // Comedy argues against scary
    expect(p[I.funny]).toBeCloseTo(0.7 * (1 - 0.3), 6); // Horror argues against funny
    expect(p[I.dark]).toBeCloseTo(0.45 * (1 - 0.3), 6);
    expect(p[I['feel-good']]).toBeCloseTo(0.35 * (1 - 0.7), 6);
    const q = genrePrior(['Drama', 'War']);
    expect(q[I.sad]).toBeCloseTo(1 - (1 - 0.35) * (1 - 0.35), 6);
  });
  it('is all zero without genres', () => {
    expect([...genrePrior([])]).toEqual(new Array(MOOD_IDS.length).fill(0));
  });
});

describe('tag evidence', () => {
  it('turns a single tag into its weight, stronger when several users gave it', () => {
    expect(tagEvidence(['funny']).pos[I.funny]).toBeCloseTo(0.9, 6);
    expect(tagEvidence(['Funny', 'funny']).pos[I.funny]).toBeCloseTo(1 - Math.pow(0.1, 1.5), 5);
  });
  it('normalises case and hyphens', () => {
    expect(tagEvidence(['Thought-Provoking']).pos[I['thought-provoking']]).toBeCloseTo(1, 6);
    expect(tagEvidence(['feel-good']).pos[I['feel-good']]).toBeCloseTo(0.9, 6);
  });
  it('combines the three strongest tags with halving weights', () => {
    // scary strengths: scary .95, creepy .85, horror .85, eerie .7 → only the top three count.
    const e = tagEvidence(['scary', 'creepy', 'eerie', 'horror']);
    expect(e.pos[I.scary]).toBeCloseTo(1 - 0.05 * (1 - 0.85 / 2) * (1 - 0.85 / 4), 5);
  });
  it('damps a mood that holds a small share of the tag evidence', () => {
    // funny .9 and eerie (scary .7): scary share 0.7 / 1.6, undamped from a share of 0.8.
    const e = tagEvidence(['funny', 'eerie'], { tagShare: 0.8 });
    expect(e.pos[I.scary]).toBeCloseTo(0.7 * Math.sqrt(0.7 / 1.6 / 0.8), 5);
    expect(e.pos[I.funny]).toBeCloseTo(0.9 * Math.sqrt(0.9 / 1.6 / 0.8), 5);
  });
  it('records negative tags as evidence against', () => {
    const e = tagEvidence(['boring']);
    expect(e.neg[I.exciting]).toBeCloseTo(0.7, 6);
    expect(e.pos[I.exciting]).toBe(0);
  });
  it('falls back to the words of an unknown tag, but not when negated', () => {
    expect(tagEvidence(['funny as hell']).pos[I.funny]).toBeCloseTo(0.9 * 0.7, 5);
    expect(tagEvidence(['not funny at all']).pos[I.funny]).toBe(0);
    expect(tagEvidence(['not funny']).neg[I.funny]).toBeCloseTo(0.7, 6);
  });
  it('ignores held-out tags', () => {
    expect(tagEvidence(['funny'], { ignoreTags: new Set(['funny']) }).pos[I.funny]).toBe(0);
  });
});

describe('extract evidence', () => {
  it('reads genre descriptors in a Wikipedia lead', () => {
    const e = extractEvidence('Foo is a 1999 American horror comedy film directed by Bar.');
    expect(e.pos[I.scary]).toBeCloseTo(0.75, 6);
    expect(e.pos[I.funny]).toBeCloseTo(0.65, 6);
    expect(e.pos[I.dark]).toBeCloseTo(0.3, 6);
    expect(e.pos[I.romantic]).toBe(0);
  });
  it('counts a cue once and applies negative cues', () => {
    const e = extractEvidence('A comedy-drama film. The comedy is a comedy.');
    expect(e.pos[I.funny]).toBeCloseTo(0.65, 6);
    expect(e.neg[I.funny]).toBeCloseTo(0.25, 6);
    expect(e.pos[I.sad]).toBeCloseTo(0.15, 6);
  });
  it('does not match inside other words', () => {
    expect(extractEvidence('The comedian Joe stars.').pos[I.funny]).toBe(0);
    expect(extractEvidence(undefined).pos[I.funny]).toBe(0);
  });
});

describe('computeMoodProfile', () => {
  it('noisy-ORs prior, tags and extract, then applies negative evidence', () => {
    const p = computeMoodProfile({ genres: ['Horror'], tags: ['funny'], extract: 'A horror comedy film.' });
    // funny: prior 0 (Horror damps it), tag .9, extract .65.
    expect(p[I.funny]).toBeCloseTo(1 - 0.1 * 0.35, 5);
    const q = computeMoodProfile({ genres: ['Action'], tags: ['boring'] });
    expect(q[I.exciting]).toBeCloseTo(0.6 * (1 - 0.7), 5);
  });
  it('stays in [0, 1] and honours the sources option', () => {
    const input = { genres: ['Comedy', 'Romance'] as const, tags: ['funny', 'romantic', 'sweet'], extract: 'A romantic comedy film.' };
    const p = computeMoodProfile({ ...input, genres: [...input.genres] });
    for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
    const genresOnly = computeMoodProfile({ ...input, genres: [...input.genres] }, { sources: { tags: false, extract: false } });
    expect([...genresOnly]).toEqual([...genrePrior(['Comedy', 'Romance'])]);
  });
  it('is the combination of its parts', () => {
    const input = { genres: ['Drama' as const], tags: ['tearjerking', 'sad'], extract: 'A tragic story of grief.' };
    const direct = computeMoodProfile(input);
    const parts = combineEvidence(genrePrior(input.genres), tagEvidence(input.tags), extractEvidence(input.extract));
    expect([...direct]).toEqual([...parts]);
    expect(direct[I.sad]).toBeGreaterThan(0.95);
  });
});

describe('mood matrix and encoder blend', () => {
  const matrix = computeMoodMatrix([{ genres: ['Comedy'] }, { genres: ['Horror'] }, { genres: [] }]);
  it('lays profiles out row-major', () => {
    expect(matrix.nMovies).toBe(3);
    expect(moodRow(matrix, 0)[I.funny]).toBeCloseTo(0.7, 6);
    expect(moodRow(matrix, 1)[I.scary]).toBeCloseTo(0.85, 6);
    expect([...moodRow(matrix, 2)]).toEqual(new Array(MOOD_IDS.length).fill(0));
  });
  it('z-scores each mood column, squashes it and mixes it in', () => {
    const k = MOOD_IDS.length;
    const sim = new Float32Array(3 * k).fill(Number.NaN);
    [0.1, 0.2, 0.3].forEach((s, i) => (sim[i * k + I['feel-good']] = s));
    const out = blendEncoderSimilarity(matrix, sim, { weight: 0.5, slope: 1.5 });
    const z = 0.1 / Math.sqrt(0.02 / 3);
    const sigma = (x: number) => 1 / (1 + Math.exp(-1.5 * x));
    expect(moodRow(out, 0)[I['feel-good']]).toBeCloseTo(0.5 * 0.35 + 0.5 * sigma(-z), 5);
    expect(moodRow(out, 1)[I['feel-good']]).toBeCloseTo(0.5 * 0 + 0.5 * 0.5, 5);
    expect(moodRow(out, 2)[I['feel-good']]).toBeCloseTo(0.5 * sigma(z), 5);
    // NaN similarity leaves the profile as it was.
    expect(moodRow(out, 0)[I.funny]).toBeCloseTo(0.7, 6);
    // The input matrix is not modified.
    expect(moodRow(matrix, 2)[I['feel-good']]).toBe(0);
  });
  it('rejects a similarity of the wrong shape or a bad weight', () => {
    expect(() => blendEncoderSimilarity(matrix, new Float32Array(3))).toThrow(RangeError);
    expect(() => blendEncoderSimilarity(matrix, new Float32Array(matrix.scores.length), { weight: 2 })).toThrow(RangeError);
  });
});
