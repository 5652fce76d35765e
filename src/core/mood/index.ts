/** Moods: the table, per-movie profiles, their file codec, matching and tone. */
export { MOODS, MOOD_IDS, MOOD_INDEX, moodById, isMoodId, type MoodDef, type MoodId, type MoodWant, type MoodCue } from './moods';
export {
  computeMoodProfile,
  computeMoodMatrix,
  blendEncoderSimilarity,
  moodRow,
  genrePrior,
  tagEvidence,
  extractEvidence,
  combineEvidence,
  type MoodMatrix,
  type MoodProfileInput,
  type MoodProfileOptions,
  type BlendOptions,
  type Evidence,
} from './profile';
export { encodeMoods, decodeMoods, MoodCodecError, type MoodCodecErrorCode, type DecodeMoodsOptions } from './codec';
export { moodMatch } from './match';
export { emotionalTone, toneLabel, type EmotionalTone } from './tone';
export { normaliseTag } from './tag-affinity';
