/**
 * Writes the labelled evaluation query sets into src/core/eval/queries/ (committed: tiny, derived,
 * needed by tests and benchmarks). Re-run after changing the templates below or the data:
 *
 *   npx tsx scripts/mood/make-query-sets.ts
 *
 * Each query is a hand-written paraphrase of a group of MovieLens user tags (optionally with
 * required genres and excluded tags). Its relevant movies are derived reproducibly from the raw
 * tags.csv: a movie is relevant when at least one user gave it a tag of the group (tags compared
 * after `normaliseTag`: lower case, hyphens as spaces), it has every required genre, and no user
 * gave it a tag of `notTags`. Queries with fewer than 3 relevant movies are dropped (and listed).
 *
 * Leakage: the same tags feed the mood profiles (src/core/mood/profile.ts). Each query lists its
 * `holdOut` tags (tags ∪ notTags); an evaluation of mood scoring must compute profiles with
 * `ignoreTags: holdOut` for that query, as scripts/mood/eval-moods.ts does. Relevance also favours
 * movies that have tags at all (16 % of the catalogue, mostly popular ones): compare against a
 * popularity baseline.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Genre } from '../../src/core/catalogue/types';
import type { EvalQuery, EvalQuerySet } from '../../src/core/eval/queries/types';
import { normaliseTag } from '../../src/core/mood/tag-affinity';
import { MOVIELENS_DIR, OUT_DIR, ROOT } from '../paths';
import { loadMoodInputs } from './load';

interface Template {
  id: string;
  text: string;
  tags: string[];
  genres?: Genre[];
  notTags?: string[];
}

// Tag groups reused by several templates.
const FEEL_GOOD = ['feel good', 'feel good movie', 'heartwarming', 'uplifting', 'happy ending', 'sweet', 'touching'];
const FUNNY = ['funny', 'very funny', 'hilarious', 'humor', 'humour', 'humorous', 'witty', 'comedy', 'great humor'];
const SAD = ['sad', 'tearjerking', 'tear jerker', 'made me cry', 'heartbreaking', 'tragic', 'tragedy', 'emotional', 'melancholy', 'melancholic', 'depressing', 'bittersweet'];
const SCARY = ['scary', 'creepy', 'eerie', 'unsettling', 'horror', 'oninous', 'menacing', 'nightmare'];
const DARK = ['dark', 'gritty', 'bleak', 'grim', 'brutal', 'brutality', 'disturbing', 'downbeat'];
const RELAXING = ['relaxing', 'gentle', 'easygoing', 'whimsical', 'sweet', 'heartwarming', 'feel good'];
const INSPIRING = ['inspiring', 'inspirational', 'motivational', 'uplifting'];
const MIND = ['mindfuck', 'mind bending', 'thought provoking', 'cerebral', 'philosophical', 'mind blowing', 'philosophy', 'intelligent'];
const ROMANTIC = ['romance', 'romantic', 'love story', 'love'];
const EXCITING = ['action packed', 'exciting', 'thrilling', 'fast paced', 'intense', 'suspense', 'suspenseful', 'tense', 'action'];
const GORE = ['gore', 'bloody', 'gruesome', 'splatter', 'goretastic', 'blood'];
const VIOLENT = ['violence', 'violent', 'brutal', 'brutality', 'gore', 'bloody'];

/** (a) Topic and genre + mood queries. */
const SEMANTIC: Template[] = [
  { id: 'time-travel', text: 'movies about time travel', tags: ['time travel'] },
  { id: 'space', text: 'adventures in outer space among the stars', tags: ['space', 'space travel', 'space adventure', 'space opera', 'space epic', 'space action', 'setting:space/space ship', 'spacecraft'] },
  { id: 'heist', text: 'a clever heist movie about a robbery', tags: ['heist', 'robbery'] },
  { id: 'aliens', text: 'films with aliens from another planet', tags: ['aliens'] },
  { id: 'superhero', text: 'superhero films based on comic books', tags: ['superhero', 'superhero team', 'marvel', 'dc comics', 'comic book', 'mcu'] },
  { id: 'mafia', text: 'mafia and organised crime stories', tags: ['mafia', 'organized crime', 'organised crime', 'gangsters', 'gangster', 'mobster', 'mobsters'] },
  { id: 'holocaust', text: 'films about the Holocaust', tags: ['holocaust'] },
  { id: 'ww2', text: 'World War II movies', tags: ['world war ii'] },
  { id: 'vietnam', text: 'movies about the Vietnam war', tags: ['vietnam'] },
  { id: 'high-school', text: 'teen movies set in high school', tags: ['high school', 'highschool', 'teen', 'teen movie', 'teenagers'] },
  { id: 'mental-illness', text: 'stories about mental illness and insanity', tags: ['mental illness', 'insanity', 'schizophrenia', 'mental hospital', 'asylum'] },
  { id: 'christmas', text: 'Christmas movies', tags: ['christmas'] },
  { id: 'zombies', text: 'zombie films', tags: ['zombies'] },
  { id: 'ghosts', text: 'ghost stories and haunted houses', tags: ['ghosts', 'ghost', 'i see dead people'] },
  { id: 'boxing', text: 'boxing movies', tags: ['boxing', 'boxing story'] },
  { id: 'journalism', text: 'films about journalists and reporters', tags: ['journalism'] },
  { id: 'courtroom', text: 'courtroom dramas with lawyers and trials', tags: ['court', 'courtroom drama', 'lawyers', 'lawyer'] },
  { id: 'shakespeare', text: 'Shakespeare adaptations', tags: ['shakespeare', 'shakespeare sort of'] },
  { id: 'india', text: 'films set in India', tags: ['india'] },
  { id: 'religion', text: 'movies about religion and faith', tags: ['religion', 'bible', 'priest', 'biblical references'] },
  { id: 'politics', text: 'political films about presidents and elections', tags: ['politics', 'president', 'political commentary'] },
  { id: 'robots-ai', text: 'robots and artificial intelligence', tags: ['robots', 'artificial intelligence', 'androids', 'android(s)/cyborg(s)', 'robots and androids'] },
  { id: 'dystopia', text: 'dystopian and post-apocalyptic futures', tags: ['dystopia', 'post apocalyptic', 'apocalypse', 'end of the world'] },
  { id: 'martial-arts', text: 'martial arts and kung fu fights', tags: ['martial arts', 'kung fu'] },
  { id: 'serial-killer', text: 'serial killer thrillers', tags: ['serial killer'] },
  { id: 'drugs', text: 'movies about drugs and addiction', tags: ['drugs', 'drug abuse', 'heroin', 'addiction', 'drug overdose'] },
  { id: 'divorce', text: 'films about divorce and broken marriages', tags: ['divorce'] },
  { id: 'adultery', text: 'stories of adultery and affairs', tags: ['adultery', 'cheating'] },
  { id: 'dogs-animals', text: 'movies about dogs and other animals', tags: ['dogs', 'animal movie'] },
  { id: 'stephen-king', text: 'Stephen King adaptations', tags: ['stephen king'] },
  { id: 'disney', text: 'Disney animated classics', tags: ['disney', 'disney animated feature'] },
  { id: 'anime', text: 'Japanese anime', tags: ['anime', 'studio ghibli', 'hayao miyazaki'] },
  { id: 'parody', text: 'spoofs and parodies', tags: ['spoof', 'parody'] },
  { id: 'satire', text: 'sharp satire and social commentary', tags: ['satire', 'satirical', 'social commentary', 'societal criticism'] },
  { id: 'twist', text: 'films with a twist ending', tags: ['twist ending', 'plot twist', 'twist', 'surprise ending'] },
  { id: 'surreal', text: 'surreal, dreamlike films', tags: ['surreal', 'surrealism', 'dreamlike', 'hallucinatory'] },
  { id: 'hitmen', text: 'assassins and hitmen', tags: ['assassin', 'assassins', 'hitman', 'hit men', 'assassination'] },
  { id: 'revenge', text: 'revenge stories', tags: ['revenge'] },
  { id: 'prison', text: 'prison movies', tags: ['prison', 'wrongful imprisonment', 'alcatraz'] },
  { id: 'sports', text: 'sports movies', tags: ['sports', 'baseball', 'basketball', 'football', 'soccer', 'golf', 'olympics'] },
  { id: 'vampires', text: 'vampire movies', tags: ['vampire', 'vampires'] },
  { id: 'true-story', text: 'films based on a true story', tags: ['true story', 'based on a true story', 'biopic', 'biography'] },
  { id: 'nonlinear', text: 'movies with a nonlinear timeline', tags: ['nonlinear', 'non linear', 'nonlinear narrative', 'nonlinear timeline', 'non linear timeline', 'nonlinear storyline', 'achronological', 'out of order', 'not linear'] },
  { id: 'espionage', text: 'spy films and espionage', tags: ['espionage', 'spying', 'spies', 'cia', 'cold war'] },
  { id: 'wizards-magic', text: 'wizards and magic', tags: ['wizards', 'magic', 'harry potter'] },
  // Genre + mood.
  { id: 'funny-scifi', text: 'a funny sci-fi movie', genres: ['Sci-Fi'], tags: FUNNY },
  { id: 'feelgood-comedy', text: 'a feel-good comedy', genres: ['Comedy'], tags: FEEL_GOOD },
  { id: 'dark-thriller', text: 'a dark, gritty thriller', genres: ['Thriller'], tags: DARK },
  { id: 'thoughtful-scifi', text: 'a thought-provoking science fiction film', genres: ['Sci-Fi'], tags: MIND },
  { id: 'emotional-drama', text: 'an emotional drama', genres: ['Drama'], tags: SAD },
  { id: 'atmospheric-horror', text: 'an atmospheric horror film', genres: ['Horror'], tags: ['atmospheric'] },
  { id: 'mindbending-thriller', text: 'a mind-bending thriller', genres: ['Thriller'], tags: MIND },
  { id: 'visual-scifi', text: 'a visually stunning sci-fi film', genres: ['Sci-Fi'], tags: ['visually appealing', 'visually stunning', 'beautiful', 'visual', 'great visuals', 'beautiful visuals', 'beautifully filmed', 'cinematography'] },
  { id: 'twist-crime', text: 'a crime film with a twist ending', genres: ['Crime'], tags: ['twist ending', 'plot twist', 'twist', 'surprise ending'] },
  { id: 'heartwarming-family', text: 'a heartwarming family film', genres: ['Children'], tags: [...FEEL_GOOD, 'family', 'fun family movie'] },
  { id: 'quirky-comedy', text: 'a quirky comedy', genres: ['Comedy'], tags: ['quirky', 'whimsical', 'off beat comedy', 'eccentric'] },
  { id: 'dark-comedy', text: 'a pitch-black dark comedy', genres: ['Comedy'], tags: ['dark comedy', 'black comedy', 'dark humor', 'black humor', 'black humour'] },
];

/** (b) Mood and feeling queries. */
const MOOD: Template[] = [
  { id: 'scary', text: 'something scary', tags: SCARY },
  { id: 'really-funny', text: 'a really funny movie', tags: FUNNY },
  { id: 'feel-good', text: 'a feel-good movie', tags: FEEL_GOOD },
  { id: 'sad-cheer-up', text: "I'm sad, cheer me up", tags: [...FEEL_GOOD, ...FUNNY], notTags: SAD },
  { id: 'good-cry', text: 'I want a good cry', tags: SAD },
  { id: 'dark-gritty', text: 'something dark and gritty', tags: DARK },
  { id: 'mind-bending', text: 'a mind-bending movie that makes you think', tags: MIND },
  { id: 'romantic', text: 'something romantic', tags: ROMANTIC },
  { id: 'exciting', text: 'an exciting, action-packed film', tags: EXCITING },
  { id: 'stressed', text: "I'm stressed, I need something relaxing", tags: RELAXING },
  { id: 'inspiring', text: 'an inspiring movie', tags: INSPIRING },
  { id: 'bored', text: "I'm bored", tags: EXCITING },
  { id: 'cant-sleep', text: "I can't sleep", tags: RELAXING, notTags: SCARY },
  { id: 'lonely', text: "I'm lonely tonight", tags: [...FEEL_GOOD, ...ROMANTIC] },
  { id: 'funny-not-dark', text: 'something funny but nothing dark', tags: FUNNY, notTags: DARK },
  { id: 'scary-not-gory', text: 'a scary movie that is not too gory', tags: SCARY, notTags: GORE },
  { id: 'feelgood-animated', text: 'a feel-good animated film', genres: ['Animation'], tags: FEEL_GOOD },
  { id: 'funny-romcom', text: 'a funny romantic comedy', genres: ['Comedy', 'Romance'], tags: FUNNY },
  { id: 'tense-thriller', text: 'a tense, suspenseful thriller', genres: ['Thriller'], tags: ['tense', 'suspense', 'suspenseful', 'tension', 'tension building', 'intense'] },
  { id: 'melancholy-drama', text: 'a melancholy drama', genres: ['Drama'], tags: SAD },
  { id: 'thoughtful-not-dark', text: 'something thought-provoking, not too dark', tags: MIND, notTags: DARK },
  { id: 'scary-horror', text: 'a really scary horror film', genres: ['Horror'], tags: SCARY },
  { id: 'bad-day', text: 'I had a bad day, something uplifting please', tags: FEEL_GOOD },
  { id: 'exciting-not-violent', text: 'something exciting but not violent', tags: EXCITING, notTags: VIOLENT },
  { id: 'sad-movie', text: 'a sad movie', tags: SAD },
  { id: 'kids-funny-not-scary', text: 'something funny for the kids, nothing scary', genres: ['Children'], tags: [...FUNNY, 'fun', 'fun family movie'], notTags: SCARY },
  { id: 'creepy', text: 'a creepy, unsettling film', tags: SCARY },
  { id: 'bittersweet', text: 'a bittersweet, touching story', tags: ['bittersweet', 'touching', 'poignant', 'moving', 'emotional'] },
  { id: 'cozy', text: 'a cosy, gentle movie for a lazy Sunday', tags: RELAXING },
  { id: 'adrenaline', text: 'I want an adrenaline rush', tags: EXCITING },
];

function build(templates: readonly Template[], tagsOf: readonly Set<string>[], genresOf: readonly Set<Genre>[], ids: readonly number[]): { queries: EvalQuery[]; dropped: string[] } {
  const queries: EvalQuery[] = [];
  const dropped: string[] = [];
  for (const t of templates) {
    const tags = [...new Set(t.tags.map(normaliseTag))];
    const notTags = [...new Set((t.notTags ?? []).map(normaliseTag))];
    const genres = t.genres ?? [];
    const relevant: number[] = [];
    ids.forEach((id, i) => {
      const have = tagsOf[i]!;
      if (!tags.some((x) => have.has(x))) return;
      if (notTags.some((x) => have.has(x))) return;
      if (!genres.every((g) => genresOf[i]!.has(g))) return;
      relevant.push(id);
    });
    if (relevant.length < 3) {
      dropped.push(`${t.id} (${relevant.length})`);
      continue;
    }
    const q: EvalQuery = { id: t.id, text: t.text, tags, relevant, holdOut: [...new Set([...tags, ...notTags])] };
    if (notTags.length) q.notTags = notTags;
    if (genres.length) q.genres = genres;
    queries.push(q);
  }
  return { queries, dropped };
}

function main(): void {
  const data = loadMoodInputs(OUT_DIR, MOVIELENS_DIR);
  const ids = data.index.map((m) => m.id);
  const tagsOf = data.tags.map((list) => new Set(list.map(normaliseTag)));
  const genresOf = data.index.map((m) => new Set(m.genres));
  const tagsSha256 = createHash('sha256').update(readFileSync(data.tagsFile)).digest('hex');
  const outDir = join(ROOT, 'src/core/eval/queries');
  mkdirSync(outDir, { recursive: true });
  const sets: [string, string, Template[]][] = [
    ['semantic.json', 'Topic and genre+mood queries: paraphrases of MovieLens tag groups.', SEMANTIC],
    ['moods.json', 'Mood and stated-feeling queries, relevance from mood-bearing tags.', MOOD],
  ];
  for (const [file, description, templates] of sets) {
    const { queries, dropped } = build(templates, tagsOf, genresOf, ids);
    const set: EvalQuerySet = {
      version: 1,
      description,
      derivation:
        'relevant = movies with ≥1 user tag in `tags` (normalised), every genre in `genres`, and no tag in `notTags`; ' +
        'source: MovieLens latest-small tags.csv. Hold out `holdOut` from mood profiles when evaluating (tags also feed them).',
      tagsSha256,
      queries,
    };
    // One query per line: small diffs when the data or a template changes.
    const { queries: list, ...head } = set;
    const headJson = JSON.stringify(head, null, 2).replace(/\n\}$/u, '');
    const json = `${headJson},\n  "queries": [\n${list.map((q) => `    ${JSON.stringify(q)}`).join(',\n')}\n  ]\n}\n`;
    writeFileSync(join(outDir, file), json);
    const sizes = queries.map((q) => q.relevant.length).sort((a, b) => a - b);
    console.log(
      `${file}: ${queries.length} queries, relevant per query min ${sizes[0]} / median ${sizes[Math.floor(sizes.length / 2)]} / max ${sizes[sizes.length - 1]}, ` +
        `${(Buffer.byteLength(json) / 1024).toFixed(1)} KB${dropped.length ? `; dropped (<3 relevant): ${dropped.join(', ')}` : ''}`,
    );
  }
}

main();
