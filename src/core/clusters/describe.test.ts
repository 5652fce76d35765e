import { describe, expect, it } from 'vitest';
import { GENRES, type Genre } from '../catalogue/types';
import { MOOD_IDS, type MoodId } from '../mood/moods';
import { describeClusters, type DescribeInput } from './describe';

const D = GENRES.length + MOOD_IDS.length;

/** A centroid row with the given lifts (mean 0, std 1, so the values are the lifts). */
function row(genres: Partial<Record<Genre, number>>, moods: Partial<Record<MoodId, number>> = {}): number[] {
  const out = new Array<number>(D).fill(0);
  for (const [g, v] of Object.entries(genres)) out[GENRES.indexOf(g as Genre)] = v;
  for (const [m, v] of Object.entries(moods)) out[GENRES.length + MOOD_IDS.indexOf(m as MoodId)] = v;
  return out;
}

function input(rows: number[][], characteristic?: DescribeInput['characteristic']): DescribeInput {
  return {
    k: rows.length,
    centroids: Float64Array.from(rows.flat()),
    genres: GENRES,
    moods: MOOD_IDS,
    mean: new Float64Array(D),
    std: new Float64Array(D).fill(1),
    ...(characteristic ? { characteristic } : {}),
  };
}

describe('describeClusters', () => {
  it('names the two genres with the largest lift, strongest first', () => {
    const [c] = describeClusters(input([row({ 'Sci-Fi': 2, Thriller: 1.5, Drama: 0.1, Romance: -0.8 }, { dark: 1 })]));
    expect(c!.label).toBe('sci-fi and thriller fans');
    expect(c!.title).toBe('Sci-fi and thriller fans');
    expect(c!.genres.map((g) => g.name)).toEqual(['Sci-Fi', 'Thriller']);
    expect(c!.summary).toContain('science fiction and thrillers');
    expect(c!.summary).toContain('dark');
    expect(c!.summary).toContain('Less keen on romances');
    expect(c!.avoids.map((g) => g.name)).toEqual(['Romance']);
  });

  it('uses lift relative to the spread: a small absolute gap in a rare genre can beat a larger one', () => {
    const inp = input([row({ Drama: 0.3, Western: 0.05 })]);
    inp.std[GENRES.indexOf('Drama')] = 1;
    inp.std[GENRES.indexOf('Western')] = 0.01; // lift 5
    expect(describeClusters(inp)[0]!.genres.map((g) => g.name)).toEqual(['Western', 'Drama']);
  });

  it('keeps labels unique: a second cluster with the same genres gets its mood, then a third genre', () => {
    const out = describeClusters(
      input([
        row({ Comedy: 1.2, Children: 0.9 }),
        row({ Comedy: 1.1, Children: 0.8, Animation: 0.5 }, { 'feel-good': 0.9 }),
        row({ Comedy: 1.0, Children: 0.7, Animation: 0.4 }, { 'feel-good': 0.8 }),
      ]),
    );
    expect(out.map((c) => c.label)).toEqual([
      'comedy and family-film fans',
      'feel-good comedy and family-film fans',
      'comedy, family-film and animation fans',
    ]);
  });

  it('falls back to words that still come from the centroid when no genre stands out', () => {
    const out = describeClusters(input([row({ Drama: 0.1 }), row({ Action: 0.2 }, { relaxing: 0.6 })]));
    expect(out[0]!.label).toBe('broad-taste viewers');
    expect(out[0]!.summary).toBe('Close to the community average in every genre.');
    expect(out[1]!.label).toBe('easy-going all-rounders');
  });

  it('adds the characteristic movie to the summary', () => {
    const [c] = describeClusters(input([row({ War: 1 })], [{ movieId: 1, title: 'Paths of Glory', year: 1957 }]));
    expect(c!.label).toBe('war-film fans');
    expect(c!.summary).toBe('They rate war films above the community average. A typical favourite: Paths of Glory (1957).');
  });
});
