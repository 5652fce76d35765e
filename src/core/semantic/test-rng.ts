/** Random vectors for the semantic tests and bench, from the project's seeded generator. */
import type { Rng } from '../random';

/** A vector of standard normal components (Box–Muller). */
export function gaussianVector(rand: Rng, dim: number): Float32Array {
  const v = new Float32Array(dim);
  for (let i = 0; i < dim; i++) v[i] = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return v;
}
