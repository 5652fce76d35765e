/**
 * The moods RecoStream understands: one table that the query parser, the per-movie profile
 * builder, the tone summary and (later) the encoder-similarity component all read.
 *
 * Order matters: `MOOD_IDS[i]` is column i of every mood vector and of `moods.bin`.
 * Appending a mood is safe (old files fail their header check and are rebuilt); reordering is not.
 */
import type { Genre } from '../catalogue/types';

/** Mood ids, in vector/column order. */
export const MOOD_IDS = [
  'feel-good',
  'funny',
  'romantic',
  'exciting',
  'scary',
  'dark',
  'sad',
  'thought-provoking',
  'relaxing',
  'inspiring',
] as const;

export type MoodId = (typeof MOOD_IDS)[number];

/** A query phrase that signals a mood; `weight` is its built-in intensity (1 = plain). */
export interface MoodCue {
  phrase: string;
  weight: number;
}

/** One mood: what it is called, how people ask for it and what kinds of film carry it. */
export interface MoodDef {
  id: MoodId;
  label: string;
  /** Phrases in a query that ask for this mood ("scary", "spooky", "edge of my seat"). */
  cues: readonly MoodCue[];
  /** A sentence describing films with this mood, for encoder similarity. */
  description: string;
  /** Genre prior: how strongly a genre alone suggests the mood (0–1). */
  genres: Partial<Record<Genre, number>>;
  /** Genres that argue against the mood: the prior is multiplied by (1 − value). */
  antiGenres: Partial<Record<Genre, number>>;
  /** Position on the valence (−1..1) / arousal (0..1) plane, for the tone summary. */
  valence: number;
  arousal: number;
}

const c = (phrase: string, weight = 1): MoodCue => ({ phrase, weight });

/** The mood table, in `MOOD_IDS` order. */
export const MOODS: readonly MoodDef[] = [
  {
    id: 'feel-good',
    label: 'Feel-good',
    cues: [
      c('feel good'), c('feelgood'), c('feel good movie'), c('uplifting'), c('heartwarming'), c('heart warming'),
      c('wholesome'), c('happy'), c('happy ending'), c('cheerful'), c('upbeat'), c('joyful'), c('joyous'),
      c('lighthearted'), c('light hearted'), c('light', 0.6), c('charming', 0.8), c('sweet', 0.7), c('cute', 0.6),
      c('warm', 0.7), c('positive', 0.7), c('optimistic', 0.8), c('good vibes'), c('fun', 0.5),
      c('cheer me up'), c('cheer up'), c('pick me up'), c('lift my spirits'), c('make me happy'), c('make me smile'),
      c('warm my heart'), c('touching', 0.5), c('hopeful', 0.6),
    ],
    description: 'An uplifting, heart-warming, feel-good story that leaves you happy and smiling.',
    genres: { Children: 0.45, Animation: 0.4, Musical: 0.4, Comedy: 0.35, Romance: 0.3, Adventure: 0.1 },
    antiGenres: { Horror: 0.7, War: 0.45, 'Film-Noir': 0.4, Thriller: 0.3, Crime: 0.25 },
    valence: 0.85,
    arousal: 0.45,
  },
  {
    id: 'funny',
    label: 'Funny',
    cues: [
      c('funny'), c('funniest', 1.5), c('hilarious', 1.3), c('humorous'), c('humor'), c('humour'), c('witty'),
      c('silly'), c('goofy'), c('comical'), c('amusing', 0.8), c('fun', 0.7), c('laugh'), c('laughs'),
      c('laugh out loud', 1.3), c('lol'), c('make me laugh'), c('crack me up', 1.2), c('slapstick'),
      c('cheer me up', 0.7), c('cheer up', 0.7), c('quirky', 0.6), c('light', 0.4),
    ],
    description: 'A funny, witty comedy full of jokes and laughs that keeps you laughing out loud.',
    genres: { Comedy: 0.7, Animation: 0.25, Children: 0.2 },
    antiGenres: { War: 0.35, Horror: 0.3, Documentary: 0.3, 'Film-Noir': 0.3, Drama: 0.15 },
    valence: 0.75,
    arousal: 0.6,
  },
  {
    id: 'romantic',
    label: 'Romantic',
    cues: [
      c('romantic'), c('swoon'), c('swoony'), c('passionate', 0.8), c('steamy', 0.8), c('sexy', 0.6),
      c('make me swoon'), c('date night'), c('lovey dovey'), c('sappy', 0.7),
    ],
    description: 'A romantic love story about two people falling in love, tender and passionate.',
    genres: { Romance: 0.8, Musical: 0.2 },
    antiGenres: { Horror: 0.5, Documentary: 0.5, Children: 0.3, Animation: 0.3, War: 0.15 },
    valence: 0.6,
    arousal: 0.45,
  },
  {
    id: 'exciting',
    label: 'Exciting',
    cues: [
      c('exciting'), c('thrilling'), c('action packed'), c('adrenaline'), c('adrenaline rush'), c('intense', 0.8),
      c('suspenseful'), c('suspense', 0.8), c('gripping'), c('edge of my seat'), c('edge of your seat'),
      c('edge of the seat'), c('fast paced'), c('high octane'), c('tense', 0.8), c('epic', 0.6),
      c('adventurous', 0.8), c('explosive', 0.8), c('heart pounding'), c('nail biting'), c('nail biter'),
      c('pulse pounding'), c('get my heart pumping'), c('keep me awake', 0.7),
    ],
    description: 'A thrilling, fast-paced, action-packed ride full of suspense that keeps you on the edge of your seat.',
    genres: { Action: 0.6, Thriller: 0.5, Adventure: 0.45, Western: 0.3, War: 0.3, Crime: 0.2, 'Sci-Fi': 0.2, IMAX: 0.2 },
    antiGenres: { Documentary: 0.3, Drama: 0.15 },
    valence: 0.35,
    arousal: 0.9,
  },
  {
    id: 'scary',
    label: 'Scary',
    cues: [
      c('scary'), c('scariest', 1.5), c('frightening'), c('terrifying', 1.3), c('creepy'), c('spooky'),
      c('chilling'), c('eerie', 0.8), c('horrifying', 1.2), c('spine chilling', 1.2), c('hair raising'),
      c('jump scares'), c('jump scare'), c('nightmarish'), c('scare me'), c('give me chills'), c('be scared'),
      c('keep me up at night'), c('haunting', 0.6), c('disturbing', 0.5), c('freaky', 0.8), c('petrifying', 1.2),
    ],
    description: 'A scary, creepy, frightening film full of dread and terror that makes you jump.',
    genres: { Horror: 0.85, Thriller: 0.25, Mystery: 0.1 },
    antiGenres: { Children: 0.7, Animation: 0.5, Musical: 0.5, Comedy: 0.3, Romance: 0.3, Documentary: 0.3 },
    valence: -0.6,
    arousal: 0.9,
  },
  {
    id: 'dark',
    label: 'Dark',
    cues: [
      c('dark'), c('darkest', 1.5), c('gritty'), c('grim'), c('bleak'), c('brutal'), c('violent'), c('gory'),
      c('gore'), c('bloody', 0.8), c('twisted'), c('edgy', 0.7), c('nihilistic'), c('disturbing', 0.8),
      c('depressing', 0.6), c('moody', 0.6), c('sinister', 0.8), c('raw', 0.6), c('harrowing'), c('noirish'),
    ],
    description: 'A dark, gritty, bleak and violent story about the grim side of human nature.',
    genres: { 'Film-Noir': 0.6, War: 0.45, Horror: 0.45, Crime: 0.4, Thriller: 0.3, Drama: 0.1 },
    antiGenres: { Children: 0.8, Animation: 0.5, Musical: 0.5, Comedy: 0.3, Romance: 0.2 },
    valence: -0.6,
    arousal: 0.6,
  },
  {
    id: 'sad',
    label: 'Sad',
    cues: [
      c('sad'), c('saddest', 1.5), c('tearjerker', 1.2), c('tear jerker', 1.2), c('tearjerking', 1.2),
      c('weepy'), c('weepie'), c('emotional', 0.8), c('heartbreaking', 1.2), c('heart breaking', 1.2),
      c('tragic'), c('melancholy'), c('melancholic'), c('bittersweet', 0.7), c('moving', 0.7), c('touching', 0.5),
      c('depressing', 0.8), c('cry'), c('a good cry', 1.2), c('good cry', 1.2), c('make me cry', 1.2),
      c('tissues', 1.1), c('sob', 1.2), c('gut wrenching', 1.2), c('poignant', 0.7),
    ],
    description: 'A sad, moving, heartbreaking tearjerker about loss and grief that makes you cry.',
    genres: { Drama: 0.35, War: 0.35, Romance: 0.15 },
    antiGenres: { Comedy: 0.4, Action: 0.3, Children: 0.3, Animation: 0.2 },
    valence: -0.7,
    arousal: 0.3,
  },
  {
    id: 'thought-provoking',
    label: 'Thought-provoking',
    cues: [
      c('thought provoking'), c('mind bending', 1.2), c('mindbending', 1.2), c('mind blowing', 1.2),
      c('mindblowing', 1.2), c('mindfuck', 1.2), c('cerebral'), c('intelligent', 0.8), c('smart', 0.7),
      c('philosophical'), c('clever', 0.7), c('twisty', 0.8), c('make me think'), c('makes you think'),
      c('blow my mind', 1.2), c('mess with my head', 1.2), c('trippy', 0.8), c('surreal', 0.8),
      c('puzzling', 0.7), c('complex', 0.6), c('profound'), c('meaningful', 0.7), c('existential'),
      c('brainy', 0.8), c('twist ending', 0.7),
    ],
    description: 'A thought-provoking, mind-bending, intelligent film with big ideas and twists that make you think.',
    genres: { Documentary: 0.35, 'Sci-Fi': 0.3, Mystery: 0.25, Drama: 0.15, 'Film-Noir': 0.1 },
    antiGenres: { Children: 0.4, Comedy: 0.15, Horror: 0.1 },
    valence: 0.1,
    arousal: 0.55,
  },
  {
    id: 'relaxing',
    label: 'Relaxing',
    cues: [
      c('relaxing'), c('relaxed'), c('cozy'), c('cosy'), c('comforting'), c('comfort movie'), c('comfort watch'),
      c('calm'), c('calming'), c('chill'), c('chilled'), c('gentle'), c('easy watching'), c('easy to watch'),
      c('easygoing'), c('easy going'), c('low key'), c('soothing'), c('mellow'), c('laid back'), c('light', 0.5),
      c('help me relax'), c('unwind'), c('wind down'), c('switch off'), c('turn my brain off'),
      c('fall asleep'), c('fall asleep to'), c('background', 0.6), c('lazy sunday'), c('peaceful'),
    ],
    description: 'A relaxing, cosy, gentle and calm film that is easy to watch and comforting, nothing stressful.',
    genres: { Children: 0.35, Animation: 0.35, Musical: 0.35, Comedy: 0.25, Romance: 0.2, Documentary: 0.15 },
    antiGenres: { Horror: 0.8, Thriller: 0.6, War: 0.6, Crime: 0.35, Action: 0.3, 'Film-Noir': 0.4, Mystery: 0.2 },
    valence: 0.5,
    arousal: 0.1,
  },
  {
    id: 'inspiring',
    label: 'Inspiring',
    cues: [
      c('inspiring'), c('inspirational'), c('motivational'), c('motivating'), c('empowering'), c('triumphant'),
      c('underdog', 0.8), c('inspire me'), c('motivate me'), c('get me motivated'), c('life affirming'),
      c('uplifting', 0.6), c('hopeful', 0.6),
    ],
    description: 'An inspiring, motivational true story of courage and triumph against the odds.',
    genres: { Documentary: 0.25, Drama: 0.2, War: 0.05 },
    antiGenres: { Horror: 0.6, 'Film-Noir': 0.3, Crime: 0.2 },
    valence: 0.75,
    arousal: 0.6,
  },
];

/** Column index of each mood. */
export const MOOD_INDEX: Readonly<Record<MoodId, number>> = Object.fromEntries(
  MOOD_IDS.map((id, i) => [id, i]),
) as Record<MoodId, number>;

const BY_ID = new Map(MOODS.map((m) => [m.id, m]));

/** The definition of a mood. */
export function moodById(id: MoodId): MoodDef {
  return BY_ID.get(id)!;
}

/** True when `s` is a mood id. */
export function isMoodId(s: string): s is MoodId {
  return BY_ID.has(s as MoodId);
}

/** A mood the user asked for (or asked to avoid), as parsed from a query. */
export interface MoodWant {
  mood: MoodId;
  /** Intensity: 1 plain, above 1 "very", below 1 "a bit"; for a negation, how strongly to avoid. */
  weight: number;
  /** True for "nothing scary" / "not too sad". */
  negated: boolean;
  /** Whether it was asked for directly ("funny") or inferred from a stated feeling ("I'm sad"). */
  source: 'cue' | 'feeling';
}
