/**
 * Draws the app icons (PNG) with no image library: a red play badge on a dark tile, anti-aliased by
 * 4× supersampling, encoded with node:zlib. Writes public/icons/*.png (committed; rerun after a change).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { ROOT } from './paths';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

type Rgba = [number, number, number, number];
const BG: Rgba = [20, 20, 20, 255];
const RED: Rgba = [229, 9, 20, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/** Colour at unit coordinates (0..1); `inset` shrinks the badge into the maskable safe zone. */
function shade(x: number, y: number, inset: number, rounded: boolean): Rgba {
  const r = 0.18;
  if (rounded) {
    const cx = Math.min(Math.max(x, r), 1 - r);
    const cy = Math.min(Math.max(y, r), 1 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  }
  const u = (x - 0.5) / inset + 0.5;
  const v = (y - 0.5) / inset + 0.5;
  const d = Math.hypot(u - 0.5, v - 0.5);
  if (d > 0.34) return BG;
  // Play triangle pointing right, centred optically.
  const tx = u - 0.44;
  const ty = v - 0.5;
  if (tx > -0.1 && tx < 0.2 && Math.abs(ty) < (0.2 - tx) * 0.58) return WHITE;
  return RED;
}

function draw(size: number, inset: number, rounded: boolean): Uint8Array {
  const ss = 4;
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, inset, rounded);
          const a = c[3] / 255;
          acc[0]! += c[0] * a;
          acc[1]! += c[1] * a;
          acc[2]! += c[2] * a;
          acc[3]! += c[3];
        }
      const n = ss * ss;
      const alpha = acc[3]! / n;
      const o = (y * size + x) * 4;
      out[o] = alpha ? Math.round(acc[0]! / n / (alpha / 255)) : 0;
      out[o + 1] = alpha ? Math.round(acc[1]! / n / (alpha / 255)) : 0;
      out[o + 2] = alpha ? Math.round(acc[2]! / n / (alpha / 255)) : 0;
      out[o + 3] = Math.round(alpha);
    }
  return out;
}

const dir = join(ROOT, 'public', 'icons');
for (const [name, size, inset, rounded] of [
  ['icon-192.png', 192, 1, true],
  ['icon-512.png', 512, 1, true],
  ['maskable-512.png', 512, 0.8, false],
  ['apple-touch-icon.png', 180, 1, false],
  ['favicon-32.png', 32, 1, true],
] as const) {
  writeFileSync(join(dir, name), png(size, draw(size, inset, rounded)));
  console.log(`icons: wrote ${name}`);
}
