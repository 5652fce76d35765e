/**
 * Stated feelings → what the person probably wants to watch.
 *
 * The subtlety: "I'm sad" describes the viewer, not the film, so it asks for uplifting or funny
 * films (and mildly against sad ones), while "a sad movie" asks for sad content. A state word
 * therefore counts as a feeling only after a subject ("I'm", "I feel", "feeling") unless it is a
 * phrase that can only describe the viewer ("long day", "can't sleep", "bored", "stressed").
 * Without a subject, "sad"/"happy" fall back to their mood cue.
 */
import type { MoodId } from '../mood/moods';

/** One feeling. */
export interface FeelingDef {
  id: string;
  /** Chip text: "you feel sad". */
  label: string;
  /** State words or phrases (normalised tokens joined by spaces). */
  phrases: readonly string[];
  /** Phrases that count without a subject. */
  standalone?: readonly string[];
  /** Moods wanted, with weights. */
  wants: readonly (readonly [MoodId, number])[];
  /** Moods to steer away from (soft negations, weight ≤ 1). */
  avoids?: readonly (readonly [MoodId, number])[];
}

/** The feelings table. */
export const FEELINGS: readonly FeelingDef[] = [
  {
    id: 'sad',
    label: 'you feel down',
    phrases: ['sad', 'down', 'blue', 'low', 'depressed', 'unhappy', 'miserable', 'gloomy', 'upset', 'feeling down', 'a bit down', 'bummed', 'bummed out', 'in a funk'],
    standalone: ['need cheering up', 'need a pick me up', 'feeling down', 'feeling blue', 'feeling low'],
    wants: [['feel-good', 1], ['funny', 0.8]],
    avoids: [['sad', 0.5]],
  },
  {
    id: 'heartbroken',
    label: 'you are heartbroken',
    phrases: ['heartbroken', 'heart broken', 'broken hearted', 'brokenhearted', 'dumped', 'just dumped'],
    standalone: ['broke up', 'just broke up', 'got dumped', 'breakup', 'break up', 'bad breakup', 'going through a breakup'],
    wants: [['funny', 1], ['feel-good', 0.8]],
    avoids: [['romantic', 0.5]],
  },
  {
    id: 'bored',
    label: 'you are bored',
    phrases: ['bored', 'restless', 'bored out of my mind'],
    standalone: ['bored', 'so bored', 'boredom'],
    wants: [['exciting', 1], ['funny', 0.5]],
  },
  {
    id: 'stressed',
    label: 'you are stressed',
    phrases: ['stressed', 'stressed out', 'anxious', 'overwhelmed', 'nervous', 'worried', 'tense', 'on edge', 'frazzled', 'burnt out', 'burned out', 'burnout'],
    standalone: ['stressed', 'stressed out', 'stressful day', 'stressful week', 'burnt out', 'burned out'],
    wants: [['relaxing', 1], ['funny', 0.7]],
    avoids: [['scary', 0.5], ['dark', 0.5]],
  },
  {
    id: 'tired',
    label: 'you are tired',
    phrases: ['tired', 'exhausted', 'sleepy', 'worn out', 'knackered', 'drained', 'wiped out', 'beat'],
    standalone: ['long day', 'rough day', 'hard day', 'tough day', 'busy day', 'long week', 'rough week', 'hard week', 'tough week', 'long day at work', 'after work'],
    wants: [['relaxing', 1], ['funny', 0.6], ['feel-good', 0.5]],
    avoids: [['thought-provoking', 0.5]],
  },
  {
    id: 'bad-day',
    label: 'you had a bad day',
    phrases: ['having a bad day'],
    standalone: ['bad day', 'terrible day', 'awful day', 'crappy day', 'shitty day', 'worst day'],
    wants: [['feel-good', 1], ['funny', 0.8]],
    avoids: [['sad', 0.5]],
  },
  {
    id: 'lonely',
    label: 'you feel lonely',
    phrases: ['lonely', 'alone', 'single', 'lonesome', 'isolated'],
    standalone: ['lonely', 'all alone', 'by myself', 'on my own'],
    wants: [['feel-good', 1], ['romantic', 0.8]],
  },
  {
    id: 'sleepless',
    label: "you can't sleep",
    phrases: ['awake', 'wide awake', 'unable to sleep'],
    standalone: ["can't sleep", 'cant sleep', 'cannot sleep', 'could not sleep', "couldn't sleep", 'insomnia', 'sleepless', 'sleepless night', 'up late', 'middle of the night', 'help me sleep'],
    wants: [['relaxing', 1], ['feel-good', 0.5]],
    avoids: [['scary', 0.8], ['exciting', 0.5]],
  },
  {
    id: 'happy',
    label: 'you feel happy',
    phrases: ['happy', 'cheerful', 'in a good mood', 'in a great mood', 'good', 'great', 'joyful', 'content'],
    standalone: ['in a good mood', 'in a great mood', 'good mood', 'great mood'],
    wants: [['feel-good', 0.8], ['funny', 0.6]],
  },
  {
    id: 'excited',
    label: 'you feel energetic',
    phrases: ['excited', 'pumped', 'hyped', 'energetic', 'full of energy', 'wired', 'pumped up', 'hyped up'],
    wants: [['exciting', 1]],
  },
  {
    id: 'angry',
    label: 'you are angry',
    phrases: ['angry', 'mad', 'frustrated', 'annoyed', 'furious', 'pissed', 'pissed off', 'irritated'],
    wants: [['exciting', 0.8], ['funny', 0.6]],
  },
  {
    id: 'curious',
    label: 'you feel curious',
    phrases: ['curious', 'thoughtful', 'pensive', 'reflective', 'philosophical', 'inquisitive'],
    standalone: ['want to learn something', 'learn something'],
    wants: [['thought-provoking', 1]],
  },
  {
    id: 'nostalgic',
    label: 'you feel nostalgic',
    phrases: ['nostalgic', 'sentimental'],
    wants: [['feel-good', 0.8], ['relaxing', 0.4]],
  },
  {
    id: 'unmotivated',
    label: 'you need motivation',
    phrases: ['unmotivated', 'demotivated', 'stuck', 'lost', 'lazy', 'uninspired', 'hopeless', 'discouraged'],
    standalone: ['need motivation', 'need some motivation', 'need inspiration', 'need some inspiration', 'lack motivation'],
    wants: [['inspiring', 1], ['feel-good', 0.5]],
  },
  {
    id: 'in-love',
    label: 'you are in love',
    phrases: ['in love', 'romantic', 'lovesick', 'smitten', 'in a romantic mood'],
    wants: [['romantic', 1]],
  },
  {
    id: 'scared',
    label: 'you feel scared',
    phrases: ['scared', 'afraid', 'frightened', 'spooked', 'freaked out'],
    wants: [['relaxing', 0.8], ['feel-good', 0.8]],
    avoids: [['scary', 1]],
  },
  {
    id: 'sick',
    label: 'you feel unwell',
    phrases: ['sick', 'ill', 'unwell', 'poorly', 'hungover', 'under the weather', 'feeling sick'],
    standalone: ['under the weather', 'home sick', 'sick day', 'hungover'],
    wants: [['relaxing', 1], ['feel-good', 0.8], ['funny', 0.6]],
  },
];
