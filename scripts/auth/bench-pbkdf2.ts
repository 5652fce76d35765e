/**
 * Prints how long one PBKDF2-HMAC-SHA256 password hash takes on this machine (Node WebCrypto),
 * for choosing the iteration count. Figures are noisy on a shared machine: read the median.
 *
 *   npx tsx scripts/auth/bench-pbkdf2.ts [iterations=600000] [runs=7]
 */
import { pbkdf2Sha256 } from '../../src/services/auth/pbkdf2';

const iterations = Number(process.argv[2] ?? 600_000);
const runs = Number(process.argv[3] ?? 7);
const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  await pbkdf2Sha256('correct horse battery staple', salt, iterations);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? NaN;
console.log(`PBKDF2-HMAC-SHA256 ×${iterations}: median ${median.toFixed(1)} ms, min ${times[0]?.toFixed(1)} ms, max ${times.at(-1)?.toFixed(1)} ms over ${runs} runs`);
