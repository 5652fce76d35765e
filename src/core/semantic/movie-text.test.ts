import { describe, expect, it } from 'vitest';
import type { MovieIndexEntry } from '../catalogue/types';
import { movieText, truncateAtSentence } from './movie-text';

const matrix: MovieIndexEntry = { id: 2571, title: 'The Matrix', year: 1999, genres: ['Action', 'Sci-Fi', 'Thriller', 'IMAX'], n: 278, mean: 4.19 };

describe('movieText', () => {
  it('puts title, year, readable genres, tags, then the extract', () => {
    const text = movieText(matrix, { id: 2571, tags: ['cyberpunk', 'philosophy', 'martial arts'], extract: 'The Matrix is a  1999 film.\nNeo fights.' }, { maxTags: 2 });
    expect(text).toBe('The Matrix (1999). Genres: action, science fiction, thriller. Tags: cyberpunk, philosophy. The Matrix is a 1999 film. Neo fights.');
  });

  it('omits what a movie lacks', () => {
    expect(movieText({ ...matrix, year: null, genres: [] }, undefined)).toBe('The Matrix.');
  });

  it('truncates extracts at a sentence end', () => {
    expect(truncateAtSentence('One two. Three four. Five six.', 22)).toBe('One two. Three four.');
    expect(truncateAtSentence('Short.', 22)).toBe('Short.');
    expect(truncateAtSentence('a very long first sentence without end', 12)).toBe('a very long');
  });
});
