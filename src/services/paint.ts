/**
 * When work the person is not waiting for may run: `afterPaint` once the current DOM changes have
 * been painted (a requestAnimationFrame callback runs before the frame; a message posted from it
 * runs after the frame was produced), `whenIdle` at the browser's next idle moment. A hidden tab
 * paints no frames, so `afterPaint` gives up waiting after a second. Without a page (Node tests)
 * both fall back to timers.
 */
export function afterPaint(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(run, 0);
    return;
  }
  const late = setTimeout(run, 1000);
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      clearTimeout(late);
      run();
    };
    ch.port2.postMessage(null);
  });
}

/** Runs `fn` when the browser is idle, or after `timeout` ms at the latest. */
export function whenIdle(fn: () => void, timeout = 1000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout });
  else setTimeout(fn, 50);
}
