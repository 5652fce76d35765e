import { describe, expect, it } from 'vitest';
import { combineYears } from './years';

describe('combineYears', () => {
  it('is null without expressions', () => {
    expect(combineYears([])).toBeNull();
  });
  it('unions points into their hull', () => {
    expect(
      combineYears([
        { kind: 'point', range: { from: 1980, to: 1989 } },
        { kind: 'point', range: { from: 2000, to: 2009 } },
      ]),
    ).toEqual({ from: 1980, to: 2009 });
  });
  it('keeps a hull open when one point is open', () => {
    expect(
      combineYears([
        { kind: 'point', range: { to: 1970 } },
        { kind: 'point', range: { from: 1990, to: 1999 } },
      ]),
    ).toEqual({ to: 1999 });
  });
  it('intersects bounds with the hull and with each other', () => {
    expect(
      combineYears([
        { kind: 'point', range: { from: 1990, to: 1999 } },
        { kind: 'bound', range: { from: 1996 } },
      ]),
    ).toEqual({ from: 1996, to: 1999 });
    expect(
      combineYears([
        { kind: 'bound', range: { from: 1990 } },
        { kind: 'bound', range: { to: 2000 } },
        { kind: 'bound', range: { from: 1995 } },
      ]),
    ).toEqual({ from: 1995, to: 2000 });
  });
});
