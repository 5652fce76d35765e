/** The catalogue's movie texts in catalogue.json order (the order the vectors are stored in). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCatalogueDetails, decodeCatalogueIndex } from '../../src/core/catalogue/codec';
import { movieText } from '../../src/core/semantic/movie-text';

/** Reads catalogue.json + details.json from `dir` and builds each movie's text. */
export function catalogueTextsFrom(dir: string): string[] {
  const index = decodeCatalogueIndex(JSON.parse(readFileSync(join(dir, 'catalogue.json'), 'utf8')));
  const details = decodeCatalogueDetails(
    JSON.parse(readFileSync(join(dir, 'details.json'), 'utf8')),
    index.map((m) => m.id),
  );
  return index.map((m, i) => movieText(m, details[i]));
}
