/**
 * `npm run fetch-model [-- --model ID --dtype q8|fp32|fp16]`: downloads a Sentence-BERT model's
 * transformers.js files into public/models/<model-id>/ so the app and `embed-catalogue --encoder
 * sbert` can load it offline. Needs internet access (model hubs are unreachable on the build
 * machines). Source: RECOSTREAM_MODEL_HUB (default https://huggingface.co), revision
 * RECOSTREAM_MODEL_REVISION (default main); URLs are <hub>/<model>/resolve/<revision>/<file>.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { SBERT_DEFAULT_MODEL } from '../src/ml/sbert/embedder';
import { ROOT } from './paths';

const WEIGHTS = { q8: 'onnx/model_quantized.onnx', fp32: 'onnx/model.onnx', fp16: 'onnx/model_fp16.onnx' } as const;
const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: SBERT_DEFAULT_MODEL },
    dtype: { type: 'string', default: 'q8' },
    force: { type: 'boolean', default: false },
  },
});

class FetchModelError extends Error {}

async function download(url: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(120_000) });
  } catch (cause) {
    const why = (cause as Error & { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
    throw new FetchModelError(`cannot reach ${new URL(url).origin} (${why}). This machine has no access to the model hub: run \`npm run fetch-model\` on a machine with internet access and copy public/models/ over, or set RECOSTREAM_MODEL_HUB to a reachable mirror.`);
  }
  if (!res.ok) throw new FetchModelError(`${url}: HTTP ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function main(): Promise<void> {
  const weights = WEIGHTS[args.dtype as keyof typeof WEIGHTS];
  if (!weights) throw new FetchModelError(`--dtype must be one of ${Object.keys(WEIGHTS).join(', ')}`);
  const hub = (process.env.RECOSTREAM_MODEL_HUB ?? 'https://huggingface.co').replace(/\/+$/, '');
  const revision = process.env.RECOSTREAM_MODEL_REVISION ?? 'main';
  const dir = join(ROOT, 'public', 'models', args.model);
  const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', weights];
  for (const file of files) {
    const out = join(dir, file);
    if (!args.force && existsSync(out)) {
      console.log(`fetch-model: ${relative(ROOT, out)} exists (use --force to download again)`);
      continue;
    }
    const url = `${hub}/${args.model}/resolve/${revision}/${file}`;
    let bytes: Uint8Array;
    try {
      bytes = await download(url);
    } catch (err) {
      if (file === 'special_tokens_map.json' && /HTTP 404/.test((err as Error).message)) continue; // optional
      throw err;
    }
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(`${out}.tmp`, bytes);
    renameSync(`${out}.tmp`, out);
    const sha = createHash('sha256').update(bytes).digest('hex');
    console.log(`fetch-model: ${relative(ROOT, out)} ${(bytes.byteLength / 1e6).toFixed(1)} MB sha256 ${sha}`);
  }
  console.log(`fetch-model: ${args.model} (${args.dtype}) ready in ${relative(ROOT, dir)}`);
}

main().catch((err: unknown) => {
  console.error(`fetch-model: ${err instanceof FetchModelError ? err.message : String(err)}`);
  process.exit(1);
});
