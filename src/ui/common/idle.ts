/**
 * Runs `fn` once the browser is idle (after the current frame has painted), or after `timeout` ms
 * at the latest; returns a cancel function (for an `$effect`'s teardown). Rendering that the first
 * screen does not need (cards off to the right, rows below the fold) goes through here, so start-up
 * is a few short tasks instead of one long one.
 */
export function whenIdle(fn: () => void, timeout = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 50);
  return () => clearTimeout(id);
}
