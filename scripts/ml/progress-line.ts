/**
 * One progress line for long build steps: rewritten in place on a terminal (at most 4 times a
 * second), a plain line every 10% otherwise (CI logs). The ETA comes from the work done since the
 * first finished unit, weighted (e.g. by text length), so a slow start (model load, longest texts
 * first) does not distort it for long.
 */
export interface ProgressLineOptions {
  label: string;
  /** Units of work in total (e.g. texts) and their summed weight (e.g. characters). */
  total: number;
  totalWeight: number;
  out?: { isTTY?: boolean; write(s: string): unknown };
  now?: () => number;
}

/** "2 min 05 s", "45 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

export function progressLine({ label, total, totalWeight, out = process.stdout, now = () => performance.now() }: ProgressLineOptions) {
  const tty = !!out.isTTY;
  const t0 = now();
  let first: { t: number; weight: number } | null = null;
  let done = 0;
  let weight = 0;
  let lastDraw = -Infinity;
  let lastTenth = 0;
  const text = () => {
    const t = now();
    let eta = '';
    if (first && weight > first.weight && done < total) {
      const rate = (weight - first.weight) / (t - first.t);
      eta = `, about ${formatDuration((totalWeight - weight) / rate)} left`;
    }
    return `${label}: ${done}/${total} (${Math.floor((100 * done) / total)}%) after ${formatDuration(t - t0)}${eta}`;
  };
  return {
    /** `n` more units of summed weight `w` are finished. */
    add(n: number, w: number) {
      const t = now();
      done += n;
      weight += w;
      first ??= { t, weight };
      if (tty) {
        if (t - lastDraw >= 250 || done >= total) {
          lastDraw = t;
          out.write(`\r\x1b[2K${text()}`);
        }
      } else {
        const tenth = Math.floor((10 * done) / total);
        if (tenth > lastTenth && done < total) out.write(`${text()}\n`);
        lastTenth = tenth;
      }
    },
    /** Ends the line (the final figures are printed by the caller). */
    end() {
      if (tty) out.write('\n');
    },
  };
}
