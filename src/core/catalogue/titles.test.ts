import { describe, expect, it } from 'vitest';
import { parseMovieLensTitle, restoreArticle, titleKey } from './titles';

describe('parseMovieLensTitle', () => {
  it('restores a leading article moved to the end', () => {
    expect(parseMovieLensTitle('Matrix, The (1999)')).toEqual({ title: 'The Matrix', aka: [], year: 1999 });
    expect(parseMovieLensTitle('American President, The (1995)').title).toBe('The American President');
  });
  it('splits alternate titles off and restores their articles too', () => {
    expect(parseMovieLensTitle('City of Lost Children, The (Cité des enfants perdus, La) (1995)')).toEqual({
      title: 'The City of Lost Children',
      aka: ['La Cité des enfants perdus'],
      year: 1995,
    });
    expect(parseMovieLensTitle('Postman, The (Postino, Il) (1994)').aka).toEqual(['Il Postino']);
  });
  it('handles titles without a year, trailing spaces and year ranges', () => {
    expect(parseMovieLensTitle('Babylon 5')).toEqual({ title: 'Babylon 5', aka: [], year: null });
    expect(parseMovieLensTitle('Ready Player One  ').year).toBeNull();
    expect(parseMovieLensTitle('Death Note: Desu nôto (2006–2007)')).toEqual({
      title: 'Death Note: Desu nôto',
      aka: [],
      year: 2006,
    });
  });
  it('keeps parentheses that open a title', () => {
    expect(parseMovieLensTitle('(500) Days of Summer (2009)').title).toBe('(500) Days of Summer');
  });
});

describe('restoreArticle', () => {
  it("joins L' without a space", () => expect(restoreArticle("Avventura, L'")).toBe("L'Avventura"));
  it('leaves other commas alone', () => expect(restoreArticle('Crouching Tiger, Hidden Dragon')).toBe('Crouching Tiger, Hidden Dragon'));
});

describe('titleKey', () => {
  it('folds case, accents, punctuation, ampersands and a leading article', () => {
    expect(titleKey('The Matrix')).toBe('matrix');
    expect(titleKey('Amélie')).toBe('amelie');
    expect(titleKey('Fast & Furious')).toBe('fast and furious');
    expect(titleKey("Schindler's List")).toBe('schindlers list');
    expect(titleKey('Star Wars: Episode IV – A New Hope')).toBe('star wars episode iv a new hope');
  });
});
