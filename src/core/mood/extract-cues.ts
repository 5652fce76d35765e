/**
 * Lexicon cues for the Wikipedia lead paragraph. Wikipedia leads open with a genre phrase
 * ("is a 1997 American neo-noir crime thriller film"), so genre descriptors are the strongest
 * cues; a few plot words (grief, haunted, serial killer) add weaker evidence.
 *
 * Each cue is a regular expression source matched once per extract against the lower-cased
 * text (word boundaries included in the source); a cue counts at most once however often it occurs.
 */
import type { MoodId } from './moods';

/** A cue and its weight (0–1). */
export type ExtractCue = readonly [pattern: string, weight: number];

/** Per-mood extract cues. */
export const EXTRACT_CUES: Readonly<Record<MoodId, readonly ExtractCue[]>> = {
  'feel-good': [
    ['\\b(heart-?warming|feel-good|uplifting|light-?hearted)\\b', 0.6],
    ['\\bromantic comed(y|ies)\\b', 0.45],
    ['\\b(family|children\'s) (film|comedy|movie)\\b', 0.4],
    ['\\b(computer-)?animated\\b', 0.35],
    ['\\bmusical\\b', 0.35],
    ['\\b(christmas|holiday) (film|comedy|movie|story)\\b', 0.45],
    ['\\bfairy ?tale\\b', 0.3],
    ['\\bfriendship\\b', 0.25],
    ['\\bcoming-of-age comedy\\b', 0.3],
  ],
  funny: [
    ['\\bcomed(y|ies|ic)\\b', 0.65],
    ['\\b(parody|spoof|satire|satirical|mockumentary|slapstick|farce|screwball|sitcom)\\b', 0.65],
    ['\\b(humou?r|humorous|hilarious)\\b', 0.5],
    ['\\bcomedy-drama\\b', -0.25],
  ],
  romantic: [
    ['\\bromantic (comedy|drama|film|fantasy|thriller|musical)\\b', 0.7],
    ['\\b(romance|love story|love affair|lovers|love triangle)\\b', 0.55],
    ['\\bfalls? in love\\b', 0.55],
    ['\\b(courtship|marry|marriage|wedding)\\b', 0.25],
    ['\\bmelodrama\\b', 0.25],
  ],
  exciting: [
    ['\\baction\\b', 0.55],
    ['\\bthriller\\b', 0.5],
    ['\\badventure\\b', 0.45],
    ['\\b(martial arts|heist|disaster film|spy film|superhero|swashbuckler|car chase|chase)\\b', 0.5],
    ['\\bsuspense\\b', 0.45],
    ['\\bepic\\b', 0.3],
    ['\\b(revenge|vengeance)\\b', 0.3],
    ['\\b(battle|war film|western)\\b', 0.3],
    ['\\bsports (drama|film|comedy)\\b', 0.25],
  ],
  scary: [
    ['\\bhorror\\b', 0.75],
    ['\\b(slasher|supernatural|haunted|haunting|ghosts?|poltergeist|demonic|demons?|possession|exorcis\\w*|zombies?|vampires?|werewol(f|ves)|monsters?)\\b', 0.55],
    ['\\bpsychological thriller\\b', 0.25],
    ['\\b(serial killer|terrori[sz]e[sd]?|stalk(s|ed|er|ing))\\b', 0.35],
    ['\\b(creepy|eerie|terrifying|frightening)\\b', 0.5],
  ],
  dark: [
    ['\\b(neo-noir|film noir|noir)\\b', 0.6],
    ['\\b(black|dark) comedy\\b', 0.65],
    ['\\b(dark|bleak|gritty|grim|disturbing|nihilistic)\\b', 0.5],
    ['\\bpsychological thriller\\b', 0.45],
    ['\\b(violent|violence|brutal|brutally)\\b', 0.5],
    ['\\b(serial killer|murders?|murdered|murderer|killings?)\\b', 0.35],
    ['\\b(crime|gangsters?|mafia|mob boss|mobsters?)\\b', 0.25],
    ['\\b(drug addict\\w*|addiction|heroin|prostitut\\w*|rape[ds]?)\\b', 0.35],
    ['\\b(horror)\\b', 0.3],
    ['\\b(dystopian|post-apocalyptic|apocalyptic)\\b', 0.45],
    ['\\b(war film|world war|holocaust|genocide)\\b', 0.3],
    ['\\b(revenge|vengeance)\\b', 0.3],
  ],
  sad: [
    ['\\b(tragic|tragedy|tragedies)\\b', 0.6],
    ['\\b(tearjerker|heartbreaking|melancholy)\\b', 0.7],
    ['\\bmelodrama\\b', 0.45],
    ['\\b(dies|death of|dying|terminal(ly)? ill|cancer|grief|grieving|mourning|funeral|widow(er|ed)?|suicide)\\b', 0.35],
    ['\\b(war film|world war|holocaust)\\b', 0.25],
    ['\\bcomedy-drama\\b', 0.15],
  ],
  'thought-provoking': [
    ['\\b(philosophical|existential|surreal(ist)?|experimental|avant-garde|metaphysical|allegor(y|ical)|satire|satirical)\\b', 0.55],
    ['\\bpsychological\\b', 0.3],
    ['\\b(dystopian|post-apocalyptic)\\b', 0.35],
    ['\\bscience fiction\\b', 0.2],
    ['\\bmystery\\b', 0.25],
    ['\\bdocumentary\\b', 0.35],
    ['\\b(time travel|artificial intelligence|alternate reality|parallel universe|virtual reality)\\b', 0.35],
    ['\\b(political|social) (drama|thriller|satire|commentary)\\b', 0.35],
  ],
  relaxing: [
    ['\\b(family|children\'s) (film|comedy|movie)\\b', 0.35],
    ['\\b(computer-)?animated\\b', 0.3],
    ['\\bmusical\\b', 0.25],
    ['\\b(christmas|holiday) (film|comedy|movie|story)\\b', 0.35],
    ['\\b(gentle|whimsical|charming|quiet|leisurely)\\b', 0.35],
    ['\\b(nature documentary|wildlife)\\b', 0.35],
    ['\\broad (trip|movie)\\b', 0.2],
  ],
  inspiring: [
    ['\\b(inspiring|inspirational|uplifting|triumph\\w*)\\b', 0.55],
    ['\\b(biographical|biopic|true story|based on the life)\\b', 0.4],
    ['\\bsports (drama|film)\\b', 0.45],
    ['\\b(underdog|championship|olympics?|overcom(e|es|ing))\\b', 0.35],
    ['\\b(civil rights|courage|perseverance)\\b', 0.35],
  ],
};
