/**
 * Node wiring of the app's data loader: serves public/ (the built data, `npm run data`) over real
 * HTTP on a free local port and points src/services/data at it, so code that fetches the data as
 * the page does runs unchanged in Node. Used by `npm run bench:crypto` and the state tests
 * (tests/state/harness.ts): one server, one way to read the built files.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { setDataBaseUrl } from '../../src/services/data';
import { ROOT } from '../paths';

const PUBLIC = join(ROOT, 'public');

/** Serves public/ on a free port of 127.0.0.1 and sets the data base URL to its data/ folder. */
export async function serveData(): Promise<{ close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    readFile(join(PUBLIC, path)).then(
      (body) => res.writeHead(200).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  setDataBaseUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/data/`);
  return { close: () => new Promise<void>((r) => server.close(() => r())) };
}
