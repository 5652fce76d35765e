import { describe, expect, it } from 'vitest';
import { renderReasons } from './reasons';

describe('renderReasons', () => {
  it('renders the issue’s example sentence', () => {
    expect(
      renderReasons([
        { kind: 'liked-neighbour', movieId: 109487, title: 'Interstellar' },
        { kind: 'genre-match', genres: ['Sci-Fi'] },
        { kind: 'mood-match', moods: ['feel-good'] },
      ]),
    ).toBe('Because you liked Interstellar, and it is sci-fi with a feel-good tone.');
  });
  it('uses "an" before vowels and joins several genres', () => {
    expect(
      renderReasons([
        { kind: 'semantic-match', phrase: 'space exploration' },
        { kind: 'genre-match', genres: ['Action', 'Adventure', 'Sci-Fi'] },
        { kind: 'mood-match', moods: ['inspiring'] },
      ]),
    ).toBe('Matches “space exploration”, and it is action, adventure and sci-fi with an inspiring tone.');
  });
  it('says honestly when a pick is exploration, whatever else is listed', () => {
    expect(renderReasons([{ kind: 'exploration' }, { kind: 'popular-with-similar' }])).toBe('Something different we think you might like.');
  });
  it('describes without a lead clause', () => {
    expect(renderReasons([{ kind: 'genre-match', genres: ['Comedy'] }])).toBe('Comedy, as you asked.');
    expect(renderReasons([{ kind: 'mood-match', moods: ['scary'] }])).toBe('A scary pick, as you asked.');
    expect(renderReasons([])).toBe('A well-rated pick from the catalogue.');
  });
  it('formats the quality reason with real numbers', () => {
    expect(renderReasons([{ kind: 'quality', mean: 4.429, n: 317 }])).toBe('Highly rated by the community (4.4 ★ from 317 ratings).');
  });
});
