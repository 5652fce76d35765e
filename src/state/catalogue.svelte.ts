/**
 * The catalogue as shared rune state: the light MovieLens index first; after first paint the
 * content-only entries of an extended build (appended: `current` is replaced), then the details.
 */
import { createCatalogue, type Catalogue } from '../core/catalogue/catalogue';
import type { MovieDetails, MovieIndexEntry } from '../core/catalogue/types';
import { catalogueSha256, loadBaseIndex, loadCatalogueDetails, loadExtendedIndex } from '../services/data';

type Status = 'loading' | 'ready' | 'error';

class CatalogueState {
  status = $state<Status>('loading');
  error = $state<string | null>(null);
  /** Not deeply reactive: replaced whole once loaded. */
  current = $state.raw<Catalogue | null>(null);
  /** SHA-256 of the loaded catalogue.json (from the data manifest), once `status` is 'ready'. */
  sha256 = $state<string | null>(null);
  details = $state.raw<ReadonlyMap<number, MovieDetails> | null>(null);
  detailsError = $state<string | null>(null);
  /** True once `current` is the whole catalogue (see `complete`). */
  isComplete = $state(false);
  #started = false;
  #ready!: () => void;
  /** Resolves once the index is loaded (after a retry, if the first load failed). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.#ready = resolve));
  #complete!: () => void;
  /**
   * Resolves once `current` is the whole catalogue (the extended entries appended, or known to be
   * none): files aligned with every item (people) must wait for it.
   */
  readonly complete: Promise<void> = new Promise((resolve) => (this.#complete = resolve));

  /** Loads the index (idempotent; again after a failure), then the details in the background. */
  load(): Promise<void> {
    if (!this.#started) {
      this.#started = true;
      this.status = 'loading';
      Promise.all([loadBaseIndex(), catalogueSha256()])
        .then(async ([movies, sha]) => {
          this.sha256 = sha;
          this.current = createCatalogue(movies);
          this.status = 'ready';
          this.#ready();
          await this.loadExtended(movies);
          // The 3 MB of details (movie pages, search) wait until the first screen has painted.
          await afterFirstPaint();
          return this.loadDetails();
        })
        .catch((err: unknown) => {
          this.error = err instanceof Error ? err.message : 'The catalogue could not be loaded.';
          this.status = 'error';
          this.#started = false;
        });
    }
    return this.ready;
  }

  /** Appends the content-only entries (none in a lean build); a failure leaves the MovieLens catalogue. */
  private async loadExtended(base: readonly MovieIndexEntry[]): Promise<void> {
    try {
      const ext = await loadExtendedIndex(base);
      if (ext.length) this.current = createCatalogue([...base, ...ext]);
    } catch (err) {
      this.detailsError = err instanceof Error ? err.message : 'The extended catalogue could not be loaded.';
    } finally {
      this.isComplete = true;
      this.#complete();
    }
  }

  private async loadDetails(): Promise<void> {
    const cat = this.current;
    if (!cat) return;
    try {
      const list = await loadCatalogueDetails(cat.movies.map((m) => m.id));
      this.details = new Map(list.map((d) => [d.id, d]));
    } catch (err) {
      this.detailsError = err instanceof Error ? err.message : 'Movie details could not be loaded.';
    }
  }
}

/** Resolves when the browser is idle after the current frames (at the latest after 1.5 s). */
function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1500 });
    else setTimeout(resolve, 0);
  });
}

export const catalogue = new CatalogueState();
