/** The one shape of a user's feedback event, shared by CF, the engine, Discover, analytics and clusters. */

/** What the user did. */
export type FeedbackKind = 'like' | 'dislike' | 'click';

/** One logged event by MovieLens id; the app's stored feedback records have these fields (and more). */
export interface FeedbackEvent {
  movieId: number;
  kind: FeedbackKind;
  /** Milliseconds since the epoch; later events override earlier ones. */
  at: number;
}

/** The same event on a catalogue item index (what the CF maths reads once ids are mapped). */
export type ItemFeedbackEvent = Omit<FeedbackEvent, 'movieId'> & { item: number };
