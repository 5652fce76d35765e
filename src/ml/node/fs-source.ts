/** Node-only: a FileSource reading model files from a folder on disk. */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { EmbedderError } from '../embedder';
import type { FileSource } from '../sources';

/** Reads files from `dir`, reporting progress in 4 MiB chunks. */
export function fsSource(dir: string): FileSource {
  return {
    location: dir,
    async read(name, onBytes) {
      const path = join(dir, name);
      let fh;
      try {
        fh = await open(path, 'r');
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'MODEL_NOT_FOUND' : 'LOAD_FAILED';
        throw new EmbedderError(code, `cannot read model file ${path}`, { cause });
      }
      try {
        const { size } = await fh.stat();
        const out = new Uint8Array(size);
        const chunk = 4 << 20;
        let off = 0;
        while (off < size) {
          const { bytesRead } = await fh.read(out, off, Math.min(chunk, size - off), off);
          if (bytesRead === 0) break;
          off += bytesRead;
          onBytes?.(off, size);
        }
        if (size === 0) onBytes?.(0, 0);
        return out;
      } finally {
        await fh.close();
      }
    },
  };
}
