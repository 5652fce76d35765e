import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { codeOf, useAuthEnvs } from '../../../tests/fixtures/auth/env';
import { looksEncrypted, readEncryptedExport } from '../../core/crypto/export-envelope';
import { decryptExport, encryptExport } from './export-crypto';
import { inThreadHasher } from './hasher';

const env = useAuthEnvs();
const MOVIES = { movieIds: new Set([1, 2, 2571]) };
const FILE_PW = 'seven silver foxes at noon';

describe('encrypted export files', () => {
  it('round-trips through a password, with the header authenticated and no plaintext in the file', async () => {
    const secret = JSON.stringify({ hello: 'a feel-good sci-fi movie' });
    const text = await encryptExport(inThreadHasher, secret, FILE_PW, 100_000);
    expect(looksEncrypted(text)).toBe(true);
    expect(text).not.toContain('feel-good');
    expect(await decryptExport(inThreadHasher, text, FILE_PW)).toBe(secret);
    expect(await codeOf(decryptExport(inThreadHasher, text, 'not the password'))).toBe('ERR_FILE_PASSWORD');
    // A changed header (fewer iterations) or ciphertext is detected like a wrong password.
    const o = JSON.parse(text) as { kdf: { iterations: number }; data: string };
    expect(await codeOf(decryptExport(inThreadHasher, JSON.stringify({ ...o, kdf: { ...o.kdf, iterations: 100_001 } }), FILE_PW))).toBe('ERR_FILE_PASSWORD');
    const data = Buffer.from(o.data, 'base64');
    data[0]! ^= 1;
    expect(await codeOf(decryptExport(inThreadHasher, JSON.stringify({ ...o, data: data.toString('base64') }), FILE_PW))).toBe('ERR_FILE_PASSWORD');
    // Malformed files get a reason, not a crash.
    expect(() => readEncryptedExport(JSON.stringify({ ...o, kdf: { ...o.kdf, iterations: 999 } }))).toThrow(/key derivation/);
    expect(() => readEncryptedExport('{"format":"recostream-encrypted-export","version":1}')).toThrow(/key derivation/);
    expect(await codeOf(decryptExport(inThreadHasher, '{"format":"recostream-encrypted-export"', FILE_PW))).toBe('ERR_IMPORT_INVALID');
  });

  it('exports encrypted from one profile and imports into another with the file password only', async () => {
    const { auth, data } = env();
    const a = await auth.signUp('Ada', 'plum tree valley');
    await data.addFeedback(a, { movieId: 2571, kind: 'like', at: 10, surface: 'search', query: 'keanu hacker' });
    const { text, file } = await data.exportEncrypted(a, FILE_PW);
    expect(file.feedback).toHaveLength(1);
    expect(text).not.toContain('keanu');
    expect(await codeOf(data.exportEncrypted(a, '12345678'))).toBe('ERR_WEAK_PASSWORD');

    const b = await auth.signUp('Bob', 'orange river delta');
    expect(await codeOf(data.importData(b, text, MOVIES))).toBe('ERR_FILE_PASSWORD');
    expect(await codeOf(data.importData(b, text, MOVIES, 'wrong wrong wrong'))).toBe('ERR_FILE_PASSWORD');
    expect(await data.listFeedback(b)).toEqual([]);
    await expect(data.importData(b, text, MOVIES, FILE_PW)).resolves.toMatchObject({ feedback: 1 });
    expect((await data.listFeedback(b)).map((f) => [f.movieId, f.query])).toEqual([[2571, 'keanu hacker']]);
    // The readable export stays the default.
    expect(JSON.stringify(await data.exportData(b))).toContain('keanu hacker');
  });
});
