/**
 * `npx tsx scripts/make-tiny-bert.ts [dir]`: writes the tiny BERT test model (default
 * tests/fixtures/tiny-bert/) for exercising the transformers.js path offline.
 */
import { join, relative, resolve } from 'node:path';
import { writeTinyBert, TINY_MODEL_ID } from './ml/tiny-bert';
import { ROOT } from './paths';

const dir = resolve(process.argv[2] ?? join(ROOT, 'tests', 'fixtures', TINY_MODEL_ID));
const files = writeTinyBert(dir);
console.log(`make-tiny-bert: wrote ${files.join(', ')} to ${relative(ROOT, dir) || dir}`);
