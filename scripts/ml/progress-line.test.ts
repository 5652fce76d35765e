import { describe, expect, it } from 'vitest';
import { formatDuration, progressLine } from './progress-line';

function fake(isTTY: boolean) {
  let t = 0;
  let text = '';
  const out = { isTTY, write: (s: string) => (text += s) };
  return { out, now: () => t, tick: (ms: number) => (t += ms), text: () => text };
}

describe('progressLine', () => {
  it('formats durations', () => {
    expect(formatDuration(44_600)).toBe('45 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });

  it('on a terminal: one line rewritten in place, with an ETA from the weighted rate after the first batch', () => {
    const f = fake(true);
    const line = progressLine({ label: 'embedded', total: 100, totalWeight: 1000, out: f.out, now: f.now });
    f.tick(20_000); // model load: not part of the rate
    line.add(10, 100);
    f.tick(10_000);
    line.add(10, 100); // 100 weight in 10 s → 800 left at 10/s = 80 s
    line.end();
    expect(f.text()).toBe('\r\x1b[2Kembedded: 10/100 (10%) after 20 s\r\x1b[2Kembedded: 20/100 (20%) after 30 s, about 1 min 20 s left\n');
  });

  it('not on a terminal: a plain line each 10%', () => {
    const f = fake(false);
    const line = progressLine({ label: 'embedded', total: 100, totalWeight: 100, out: f.out, now: f.now });
    for (let i = 0; i < 25; i++) {
      f.tick(1000);
      line.add(4, 4);
    }
    line.end();
    const lines = f.text().trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe('embedded: 12/100 (12%) after 3 s, about 22 s left');
    expect(lines[8]).toBe('embedded: 92/100 (92%) after 23 s, about 2 s left');
  });
});
