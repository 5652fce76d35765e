/**
 * The query's function words: negators, intensity modifiers, connectors, fillers, the subjects of
 * stated feelings and protected phrases. Phrases are normalised tokens joined by single spaces.
 */

/** Negators. `soft` ones ("not too", "light on") mean "only a little", not "none". */
export const NEGATORS: Readonly<Record<string, { soft: boolean }>> = Object.fromEntries([
  ...[
    'no', 'not', 'without', 'nothing', 'none', 'never', 'non', 'neither', 'anything but', 'anything except',
    'except', 'excluding', 'exclude', 'minus', 'avoid', 'skip', 'no more', "don't want", 'dont want',
    'do not want', "don't like", 'dont like', 'do not like', "don't need", 'dont need', 'hate', 'not into',
    'not in the mood for', 'not in the mood for any', 'sick of', 'tired of', 'fed up with', 'but not',
    'other than', 'rather than', 'instead of', 'not a fan of', "can't stand", 'cant stand', 'no more of',
    "i'm not into", 'not interested in', "isn't", 'isnt', "aren't", 'arent', "shouldn't be", 'free of',
  ].map((p) => [p, { soft: false }]),
  ...[
    'not too', 'not very', 'not overly', 'not so', 'not that', 'not super', 'not really', 'nothing too',
    'without too much', 'not too much', 'not much', 'not a lot of', 'not too many', 'light on', 'less',
    'go easy on', 'easy on the', 'easy on', 'low on', 'minimal',
  ].flatMap((p) => (p.startsWith('not ') ? [p, `but ${p}`] : [p])).map((p) => [p, { soft: true }]),
]);

/** Intensity modifiers: multiply the weight of the mood that follows. */
export const INTENSIFIERS: Readonly<Record<string, number>> = {
  very: 1.5, really: 1.5, super: 1.5, extremely: 1.7, incredibly: 1.7, insanely: 1.7, absolutely: 1.5,
  truly: 1.3, so: 1.3, properly: 1.3, genuinely: 1.3, seriously: 1.5, extra: 1.3, totally: 1.5, utterly: 1.7,
  ridiculously: 1.7, quite: 1.2, pretty: 1.2, 'the most': 1.5, most: 1.3, proper: 1.3, damn: 1.3,
  'a bit': 0.5, 'a little': 0.5, 'a little bit': 0.5, 'a tiny bit': 0.4, slightly: 0.5, somewhat: 0.6,
  'kind of': 0.6, kinda: 0.6, 'sort of': 0.6, sorta: 0.6, mildly: 0.5, 'a touch': 0.5, fairly: 0.8,
  moderately: 0.7, 'a bit of': 0.5, 'a little bit of': 0.5, 'a touch of': 0.5, lightly: 0.6, 'a tad': 0.5,
};

/** "or"/"nor"/"and": continue a negated list ("no horror or romance"). */
export const CONNECTORS: ReadonlySet<string> = new Set(['or', 'nor', 'and', 'n', 'plus']);

/** Words that end a negation's scope ("no horror but funny", "no gore, just laughs"). */
export const BREAKS: ReadonlySet<string> = new Set([
  'but', 'just', 'only', 'instead', 'though', 'however', 'yet', 'although', 'rather', 'please', 'pls', 'plz',
  'thanks', 'thank', 'also', 'preferably', 'ideally', 'maybe', 'perhaps', 'though', 'nothing but',
]);

/**
 * Fillers: transparent for negation and feelings, never content. They stay in the residual text
 * (a sentence encoder copes with "a movie about") but not in `content`.
 */
export const FILLERS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'some', 'any', 'something', 'anything', 'somethin', 'smth', 'movie', 'movies', 'film',
  'films', 'flick', 'flicks', 'one', 'ones', 'show', 'me', 'i', "i'd", 'id', 'want', 'wanna', 'would', 'like',
  'to', 'watch', 'see', 'looking', 'look', 'for', 'recommend', 'recommendation', 'recommendations', 'suggest',
  'suggestion', 'suggestions', 'find', 'give', 'get', 'good', 'great', 'nice', 'about', 'that', 'which', 'is',
  'are', 'be', 'with', 'of', 'in', 'on', 'too', 'type', 'kind', 'sort', 'genre', 'genres', 'stuff', 'style',
  'tonight', 'today', 'now', 'can', 'could', 'you', 'u', 'need', 'needs', 'lots', 'lot', 'much', 'many',
  'more', 'mood', 'in the mood for', 'feel like', 'watching', 'to watch', 'picture', 'pictures', 'cinema',
  'story', 'stories', 'tale', 'it', 'its', "it's", 'this', 'something that', 'what', 'whats', "what's",
  'should', 'will', 'let', "let's", 'lets', 'us', 'we', 'our', 'my', 'your', 'pick', 'choose', 'some kind of',
  'kinds', 'sorts', 'types', 'where', 'has', 'have', 'having', 'having a', 'there', 'isn', 'very much', 'etc',
  'full', 'filled', 'lot of', 'lots of', 'either', 'vibe', 'vibes', 'feel', 'feels', 'feeling of', 'tone',
  'ish', 'kinda like', 'similar', 'similar to', 'had', 'been', 'it has been', 'was', "i've", 'ive', "i've had",
]);

/** Head words after a year word ("new movies", "old ones"): see years.ts. */
export const YEAR_HEADS: ReadonlySet<string> = new Set([
  'movie', 'movies', 'film', 'films', 'flick', 'flicks', 'one', 'ones', 'stuff', 'release', 'releases', 'title',
  'titles', 'picture', 'pictures', 'cinema', 'hollywood', 'stuff', 'favourites', 'favorites', 'and', 'or',
]);

/** Subjects of a stated feeling: "I'm", "I feel", "feeling". */
export const SUBJECTS: ReadonlySet<string> = new Set([
  "i'm", 'im', 'i am', 'i feel', "i'm feeling", 'im feeling', 'i am feeling', 'feeling', "i've been",
  'ive been', "i've been feeling", 'ive been feeling', 'i was', "we're", 'we are', 'we feel', 'my mood is',
  'i feel so', 'kinda feeling', 'been feeling', 'am', 'feel', 'i get', "i'm getting", 'getting',
]);

/**
 * Protected phrases: content that would otherwise trigger a rule ("new york" is not "recent",
 * "star wars" is not the War genre, "the dark knight" is not the dark mood).
 */
export const STOP_PHRASES: ReadonlySet<string> = new Set([
  'star wars', 'star trek', 'new york', 'new york city', 'new zealand', 'new orleans', 'new jersey',
  'new mexico', 'new england', 'new year', 'new years', "new year's", 'old man', 'old woman', 'old lady',
  'old age', 'old men', 'old friends', 'dark knight', 'the dark knight', 'dark side', 'dark city',
  'dark horse', 'funny games', 'cold war', 'war of the worlds', 'feel the', 'love actually', 'no country',
  'blue velvet', 'good will hunting', 'the good the bad', 'little women', 'little miss sunshine',
  'sad hill', 'not another teen movie', 'less than zero', 'happy feet', 'happy gilmore', 'little shop of horrors',
  'die hard', 'dead poets', 'light years', 'speed of light', 'war horse', 'the war', 'bored to death',
  'the family man', 'the addams family', 'addams family', 'family guy', 'kids in the hall', 'the kids are all right',
  'cry freedom', 'cry baby', 'the crying game', 'mean girls', 'home alone', 'sweet home alabama', 'big fish',
]);
