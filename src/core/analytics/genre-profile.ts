/**
 * The genre profile of the user's likes next to the community's: for each genre, the share of the
 * user's liked movies that have it, and the share of all community ratings given to movies that
 * have it. A movie with several genres counts for each, so the shares do not add up to 100 %.
 */
import { GENRES, type Genre, type MovieIndexEntry } from '../catalogue/types';

export interface GenreShare {
  genre: Genre;
  /** Liked movies with the genre, and their share of all liked movies (0 when none are liked). */
  liked: number;
  likedShare: number;
  /** Community ratings of movies with the genre, and their share of all community ratings. */
  ratings: number;
  communityShare: number;
}

/** Community rating counts per genre (from the catalogue's per-movie counts). */
export function communityGenreCounts(movies: readonly MovieIndexEntry[]): { perGenre: Map<Genre, number>; total: number } {
  const perGenre = new Map<Genre, number>(GENRES.map((g) => [g, 0]));
  let total = 0;
  for (const m of movies) {
    total += m.n;
    for (const g of m.genres) perGenre.set(g, perGenre.get(g)! + m.n);
  }
  return { perGenre, total };
}

/**
 * One row per genre, ordered by the user's share (then the community's): what the user likes
 * compared with what the community rates.
 */
export function genreProfile(liked: readonly MovieIndexEntry[], movies: readonly MovieIndexEntry[]): GenreShare[] {
  const { perGenre, total } = communityGenreCounts(movies);
  const likedCount = new Map<Genre, number>(GENRES.map((g) => [g, 0]));
  for (const m of liked) for (const g of m.genres) likedCount.set(g, likedCount.get(g)! + 1);
  const rows = GENRES.map((genre) => ({
    genre,
    liked: likedCount.get(genre)!,
    likedShare: liked.length ? likedCount.get(genre)! / liked.length : 0,
    ratings: perGenre.get(genre)!,
    communityShare: total ? perGenre.get(genre)! / total : 0,
  }));
  return rows.sort((a, b) => b.likedShare - a.likedShare || b.communityShare - a.communityShare);
}
