import { describe, expect, it } from 'vitest';
import { rowFilter } from './filter';

const kept = (keep: ((i: number) => boolean) | undefined, n: number) => Array.from({ length: n }, (_, i) => i).filter((i) => !keep || keep(i));

describe('rowFilter', () => {
  it('keeps everything without a filter', () => {
    expect(rowFilter(undefined, 3)).toBeUndefined();
    expect(rowFilter({ exclude: [] }, 3)).toBeUndefined();
  });

  it('applies only, then exclude, ignoring out-of-range indices', () => {
    expect(kept(rowFilter({ only: [0, 2, 3, 9] }, 5), 5)).toEqual([0, 2, 3]);
    expect(kept(rowFilter({ exclude: [1, -1] }, 4), 4)).toEqual([0, 2, 3]);
    expect(kept(rowFilter({ only: [0, 2, 3], exclude: [2] }, 5), 5)).toEqual([0, 3]);
    expect(kept(rowFilter({ only: [] }, 3), 3)).toEqual([]);
  });
});
