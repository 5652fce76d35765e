import { describe, expect, it } from 'vitest';
import { CfError } from './errors';
import { DEFAULT_CF_OPTIONS, resolveCfOptions, SURPRISE_KNN_BASELINE } from './options';

describe('resolveCfOptions', () => {
  it('merges over the defaults', () => {
    expect(resolveCfOptions()).toEqual(DEFAULT_CF_OPTIONS);
    const o = resolveCfOptions(SURPRISE_KNN_BASELINE);
    expect([o.regItem, o.regUser, o.k, o.damping, o.userWeight, o.shrinkage]).toEqual([10, 15, 40, 0, 0, 100]);
  });
  it('rejects out-of-range values with ERR_CF_OPTIONS', () => {
    for (const bad of [{ k: -1 }, { k: 1.5 }, { damping: -0.1 }, { regItem: Number.NaN }, { maxNeighbours: 0 }, { minRating: 5, maxRating: 1 }]) {
      let err: unknown;
      try {
        resolveCfOptions(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CfError);
      expect((err as CfError).code).toBe('ERR_CF_OPTIONS');
    }
  });
});
