/**
 * The core's boundary is enforced by the lint rule in eslint.config.js (run by `npm run check`);
 * this pins what the rule accepts and rejects, so a loosened pattern fails here.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const problems = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'recostream/core-boundary').map((m) => m.message);

describe('src/core boundary (ESLint)', () => {
  it('rejects any package, Node built-in or relative path leaving src/core', async () => {
    const file = 'src/core/cf/probe.ts';
    for (const spec of ['os', 'node:fs', 'dexie', 'svelte/store', 'comlink', '@tensorflow/tfjs-core', '../../services', '../../services/data', '../../ui/x', '../../../workers/reco.worker', '../../../scripts/paths']) {
      expect(await problems(`import x from '${spec}';\nexport const y = x;\n`, file), spec).toHaveLength(1);
    }
    expect(await problems(`export const m = import('os');\n`, file)).toHaveLength(1);
    expect(await problems(`export { a } from '../../state/x';\n`, file)).toHaveLength(1);
  });

  it('accepts relative imports inside src/core, and vitest/node:* in its tests only', async () => {
    expect(await problems(`import { createRng } from '../random';\nimport { dot } from '../shared/vector';\nexport const z = [createRng, dot];\n`, 'src/core/cf/probe.ts')).toEqual([]);
    expect(await problems(`import { it } from 'vitest';\nimport { readFileSync } from 'node:fs';\nexport const z = [it, readFileSync];\n`, 'src/core/cf/probe.test.ts')).toEqual([]);
    expect(await problems(`import { it } from 'vitest';\nexport const z = it;\n`, 'src/core/cf/probe.ts')).toHaveLength(1);
  });
});
