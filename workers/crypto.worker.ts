/** Crypto worker: runs PBKDF2 off the UI thread. Wiring only; the function lives in src/services/auth/pbkdf2.ts. */
import { expose } from 'comlink';
import { pbkdf2Sha256 } from '../src/services/auth/pbkdf2';
import { withWireErrors } from '../src/services/bridge/wire';

const api = { pbkdf2Sha256 };

/** What the page may call on this worker. */
export type CryptoWorkerApi = typeof api;

expose(withWireErrors(api));
