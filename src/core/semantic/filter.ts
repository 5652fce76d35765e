/** Row filters for semantic search, built once from catalogue indices. */

/** Which catalogue rows a search may return: only these, and/or never these (catalogue indices). */
export interface RowFilter {
  only?: readonly number[];
  exclude?: readonly number[];
}

/** A `keep(index)` predicate for topK, or undefined when the filter keeps everything. */
export function rowFilter(filter: RowFilter | undefined, count: number): ((index: number) => boolean) | undefined {
  if (!filter || (!filter.only && !filter.exclude?.length)) return undefined;
  const keep = new Uint8Array(count).fill(filter.only ? 0 : 1);
  for (const i of filter.only ?? []) if (i >= 0 && i < count) keep[i] = 1;
  for (const i of filter.exclude ?? []) if (i >= 0 && i < count) keep[i] = 0;
  return (i) => keep[i] === 1;
}
