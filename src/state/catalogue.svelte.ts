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
  private started = false;

  /** Loads the index (idempotent), then the details in the background. */
  load(): void {
    if (this.started) return;
    this.started = true;
    loadCatalogueIndex()
      .then((movies) => {
        this.current = createCatalogue(movies);
        this.status = 'ready';
        return this.loadDetails();
      })
      .catch((err: unknown) => {
        this.error = err instanceof Error ? err.message : 'The catalogue could not be loaded.';
        this.status = 'error';
        this.started = false;
      });
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
