/** What the MovieLens community watches most: genres by number of ratings, movies by number of ratings. */
import type { Catalogue } from '../catalogue/catalogue';
import { popular } from '../catalogue/rows';
import type { Genre } from '../catalogue/types';
import { communityGenreCounts } from './genre-profile';

export interface GenreCount {
  genre: Genre;
  ratings: number;
  share: number;
}

export interface MovieCount {
  movieId: number;
  title: string;
  year: number | null;
  ratings: number;
  mean: number;
}

/** Genres by community ratings, most rated first. */
export function topGenres(cat: Catalogue, limit = 10): GenreCount[] {
  const { perGenre, total } = communityGenreCounts(cat.movies);
  return [...perGenre.entries()]
    .map(([genre, ratings]) => ({ genre, ratings, share: total ? ratings / total : 0 }))
    .sort((a, b) => b.ratings - a.ratings || (a.genre < b.genre ? -1 : 1))
    .slice(0, limit);
}

/** The most rated movies (ties broken by damped mean, as the home page's Popular row). */
export function topMovies(cat: Catalogue, limit = 10): MovieCount[] {
  return popular(cat, { limit }).map((m) => ({ movieId: m.id, title: m.title, year: m.year, ratings: m.n, mean: m.mean }));
}
