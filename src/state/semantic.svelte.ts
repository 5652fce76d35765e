/**
 * The sentence encoder as rune state: loaded on first use (with byte progress), on request for
 * offline use, or in the background after the first paint when that is safe (`prefetch`); its
 * cached files can be freed. Failures become a clear message, and search keeps
 * working on genres, moods and popularity without it.
 */
import { USE_LITE_FILE_BYTES, USE_LITE_ID } from '../ml/use-lite/model';
import { loadManifest } from '../services/data';
import { isMlError, mlClient, type MlProgress, type TimedScores } from '../services/ml-client';
import { decidePrefetch, type PrefetchChoice, type PrefetchDecision } from '../core/semantic/prefetch';
import { connectionHints, formatBytes, loadPrefetchChoice, savePrefetchChoice } from '../services/storage';

export const MODEL_CACHE = 'recostream-models';

/** Bytes of the USE-lite model files (weights, graph, vocabulary) in the pinned package. */
const USE_LITE_BYTES = Object.values(USE_LITE_FILE_BYTES).reduce((a, b) => a + b, 0);

/** A person's name for an encoder id ("use-lite-512@energetic-ai-0.2.0" → "Universal Sentence Encoder lite"). */
export function encoderName(id: string): string {
  if (id === USE_LITE_ID) return 'Universal Sentence Encoder lite (512 dimensions)';
  if (id.startsWith('sbert-')) return `Sentence-BERT (${id.slice('sbert-'.length).split('/').pop()})`;
  return 'a sentence encoder';
}

function friendly(err: unknown): string {
  if (isMlError(err, 'NO_VECTORS', 'UNKNOWN_ENCODER')) return 'This build has no catalogue vectors, so search by description is off (run “npm run data”).';
  if (isMlError(err, 'ENCODER_MISMATCH')) return 'The language model and the catalogue vectors come from different encoders, so they cannot be compared. Reload to update the app.';
  if (isMlError(err, 'FETCH_FAILED', 'MODEL_NOT_FOUND')) return 'The language model could not be downloaded. Check your connection; search by genre and mood still works.';
  if (err instanceof DOMException && err.name === 'QuotaExceededError') return 'Not enough storage space for the language model. Free some space in Settings.';
  return 'The language model could not start; search by genre and mood still works.';
}

class SemanticState {
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  progress = $state<MlProgress | null>(null);
  error = $state<string | null>(null);
  encoder = $state<string | null>(null);
  /** What one load fetches in all (model files + catalogue vectors), when known; the one size shown everywhere. */
  totalBytes = $state<number | null>(null);
  /** True while the files come from this device's cache rather than the network. */
  fromCache = $state(false);
  /** This device's setting for the background download ('auto': only when safe; 'off'). */
  prefetchChoice = $state<PrefetchChoice>('auto');
  /** What the background download decided on this visit (null until it was considered). */
  prefetchDecision = $state<PrefetchDecision | null>(null);
  /** True while the load in progress was started in the background (not by a search or Settings). */
  background = $state(false);
  #loading: Promise<boolean> | null = null;
  #phases = new Map<string, MlProgress>();

  /** The model's and vectors' total size from the build's manifest (null for encoders of unknown size). */
  async size(): Promise<number | null> {
    if (this.totalBytes !== null) return this.totalBytes;
    try {
      const man = await loadManifest();
      const enc = man.encoder;
      if (!enc || enc.id !== USE_LITE_ID) return null;
      this.totalBytes = USE_LITE_BYTES + (man.files[enc.file]?.bytes ?? 0);
      return this.totalBytes;
    } catch {
      return null;
    }
  }

  /** Loads the encoder and vectors once; resolves to whether they are usable. */
  ensure(): Promise<boolean> {
    this.#loading ??= (async () => {
      this.status = 'loading';
      this.error = null;
      try {
        const [expected, cached] = await Promise.all([this.size(), this.cached()]);
        this.fromCache = cached;
        // Model and vectors load in parallel: one bar over their sum, against the true total from the start.
        this.#phases.clear();
        this.progress = expected ? { phase: 'model', loaded: 0, total: expected } : null;
        const res = await mlClient().init((p) => {
          this.#phases.set(p.phase, p);
          let loaded = 0;
          let total = 0;
          for (const q of this.#phases.values()) {
            loaded += q.loaded;
            total += q.total;
          }
          this.progress = { phase: p.phase, loaded, total: Math.max(total, expected ?? 0) };
        });
        this.encoder = res.encoderId;
        this.status = 'ready';
        return true;
      } catch (err) {
        this.error = friendly(err);
        this.status = 'error';
        this.#loading = null;
        return false;
      }
    })();
    return this.#loading;
  }

  /**
   * After the first paint: loads the encoder in the background when core/semantic `decidePrefetch`
   * says it is safe (fast, unmetered connection, no Save-Data, room for it; or already stored), so
   * the first search by description is usually warm. Called once by state/app.
   */
  async prefetch(): Promise<void> {
    this.prefetchChoice = loadPrefetchChoice();
    if (this.status !== 'idle') return;
    const [stored, need, est] = await Promise.all([this.cached().catch(() => false), this.size(), navigator.storage?.estimate?.().catch(() => undefined)]);
    const free = est?.quota !== undefined && est.usage !== undefined ? est.quota - est.usage : null;
    const decision = decidePrefetch({ choice: this.prefetchChoice, connection: connectionHints(), online: navigator.onLine, stored, needBytes: need, freeBytes: free });
    this.prefetchDecision = decision;
    if (!decision.fetch || this.status !== 'idle') return;
    this.background = true;
    try {
      await this.ensure();
    } finally {
      this.background = false;
    }
  }

  /** Changes this device's background-download setting (from the next visit on; a download in progress finishes). */
  setPrefetchChoice(choice: PrefetchChoice): void {
    this.prefetchChoice = choice;
    savePrefetchChoice(choice);
  }

  /** Cosine similarity of `text` to every movie, or null when the encoder is unavailable. */
  async scores(text: string, signal?: AbortSignal): Promise<Float32Array | null> {
    return (await this.scoresTimed(text, signal))?.scores ?? null;
  }

  /** `scores` with the worker's time to embed the text and to score the catalogue (ms). */
  async scoresTimed(text: string, signal?: AbortSignal): Promise<TimedScores | null> {
    if (!text.trim() || !(await this.ensure())) return null;
    try {
      return await mlClient().scoresTimed(text, signal);
    } catch (err) {
      if (signal?.aborted) throw err;
      this.error = friendly(err);
      return null;
    }
  }

  /** "Downloading the language model… 12.3 MB of 33.4 MB (37%)", or "Loading … from this device" when cached. */
  progressText(): string {
    const p = this.progress;
    const what = this.fromCache ? 'Loading the language model from this device…' : 'Downloading the language model…';
    if (!p || !p.total) return what;
    return `${what} ${formatBytes(p.loaded)} of ${formatBytes(p.total)} (${Math.round((100 * p.loaded) / p.total)}%)`;
  }

  /** Whether the model files are in the offline cache. */
  async cached(): Promise<boolean> {
    if (!('caches' in globalThis)) return false;
    const cache = await caches.open(MODEL_CACHE);
    return (await cache.keys()).length > 0;
  }

  /** Downloads the model now so search works offline; checks the space first. */
  async download(): Promise<string> {
    const [est, need] = await Promise.all([navigator.storage?.estimate?.(), this.size()]);
    if (need !== null && est?.quota !== undefined && est.usage !== undefined && est.quota - est.usage < need) {
      return `Not enough space: the language model needs ${formatBytes(need)} and ${formatBytes(est.quota - est.usage)} is free.`;
    }
    const ok = await this.ensure();
    return ok ? 'The language model is stored on this device: search by description works offline.' : (this.error ?? 'Download failed.');
  }

  /** Removes the cached model files and stops the encoder. */
  async free(): Promise<string> {
    mlClient().dispose();
    this.#loading = null;
    this.status = 'idle';
    this.progress = null;
    const removed = 'caches' in globalThis ? await caches.delete(MODEL_CACHE) : false;
    return removed ? 'The language model was removed from this device. It downloads again the next time you search by description.' : 'There was no stored model to remove.';
  }
}

export const semantic = new SemanticState();
