/** Shapes of the labelled evaluation query sets (see README.md in this folder). */
import type { Genre } from '../../catalogue/types';

/** One labelled query. */
export interface EvalQuery {
  id: string;
  /** The query as a user might type it. */
  text: string;
  /** Normalised MovieLens tags whose movies are relevant. */
  tags: string[];
  /** Genres a relevant movie must all have. */
  genres?: Genre[];
  /** Normalised tags that make a movie not relevant. */
  notTags?: string[];
  /** Relevant MovieLens movieIds, ascending. */
  relevant: number[];
  /** Tags to ignore when computing mood profiles for this query (tags ∪ notTags). */
  holdOut: string[];
}

/** A file of labelled queries. */
export interface EvalQuerySet {
  version: number;
  description: string;
  /** How relevance was derived, in one sentence. */
  derivation: string;
  /** sha256 of the tags.csv the relevance came from. */
  tagsSha256: string;
  queries: EvalQuery[];
}
