/** The catalogue as shared rune state: the light index first, details after first paint. */
import { createCatalogue, type Catalogue } from '../core/catalogue/catalogue';
import type { MovieDetails } from '../core/catalogue/types';
import { loadCatalogueDetails, loadCatalogueIndex } from '../services/data';

type Status = 'loading' | 'ready' | 'error';

class CatalogueState {
  status = $state<Status>('loading');
  error = $state<string | null>(null);
  /** Not deeply reactive: replaced whole once loaded. */
  current = $state.raw<Catalogue | null>(null);
  details = $state.raw<ReadonlyMap<number, MovieDetails> | null>(null);
  detailsError = $state<string | null>(null);
  #started = false;
  #ready!: () => void;
  /** Resolves once the index is loaded (after a retry, if the first load failed). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.#ready = resolve));

  /** Loads the index (idempotent; again after a failure), then the details in the background. */
  load(): Promise<void> {
    if (!this.#started) {
      this.#started = true;
      this.status = 'loading';
      loadCatalogueIndex()
        .then((movies) => {
          this.current = createCatalogue(movies);
          this.status = 'ready';
          this.#ready();
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

export const catalogue = new CatalogueState();
