/**
 * The Sentence-BERT loading path, end to end through transformers.js + onnxruntime-node, on the
 * generated tiny BERT (no pretrained weights can be downloaded here), against a plain-JS reference.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceEmbed, referenceTokenize, TINY_HIDDEN, TINY_MODEL_ID, writeTinyBert } from '../../../scripts/ml/tiny-bert';
import { EmbedderError, type Embedder } from '../../../src/ml/embedder';
import { loadSbert, sbertEncoderId } from '../../../src/ml/sbert/embedder';

const TEXTS = [
  'A spaceship travels to a distant galaxy.',
  'Astronauts explore outer space!',
  'a romantic comedy about a wedding',
  'Zebra?', // letters only: several WordPiece continuations
  'Ünïcödé dogs, cats', // accents stripped by the BERT normaliser
  '',
];

describe('Sentence-BERT path on the tiny BERT', () => {
  const root = mkdtempSync(join(tmpdir(), 'tiny-bert-'));
  let embedder: Embedder;

  beforeAll(async () => {
    writeTinyBert(join(root, TINY_MODEL_ID));
    embedder = await loadSbert({ localModelPath: root, modelId: TINY_MODEL_ID, dtype: 'fp32', device: 'cpu' });
  });
  afterAll(() => {
    embedder?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('reference tokenizer does WordPiece as hand-computed', () => {
    // [CLS] space ##ship [SEP]
    expect(referenceTokenize('Spaceship')).toEqual([2, 11, 12, 3]);
    // [CLS] [UNK] , [SEP] — "é" strips to "e", but "3" has no piece so the word is unknown
    expect(referenceTokenize('é3,')).toEqual([2, 1, 53, 3]);
  });

  it('has the tiny model’s identity and dimension', () => {
    expect(embedder.id).toBe(sbertEncoderId(TINY_MODEL_ID));
    expect(embedder.dim).toBe(TINY_HIDDEN);
  });

  it('matches the plain-JS reference to 1e-5, batched and one by one', async () => {
    const batched = await embedder.embed(TEXTS);
    for (const [i, text] of TEXTS.entries()) {
      const ref = referenceEmbed(text);
      const [single] = await embedder.embed([text]);
      for (let h = 0; h < TINY_HIDDEN; h++) {
        expect(Math.abs(batched[i]![h]! - ref[h]!)).toBeLessThan(1e-5);
        expect(Math.abs(single![h]! - ref[h]!)).toBeLessThan(1e-5);
      }
    }
  });

  it('reports a missing model as MODEL_NOT_FOUND', async () => {
    const err = await loadSbert({ localModelPath: root, modelId: 'absent-model', device: 'cpu' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbedderError);
    expect((err as EmbedderError).code).toBe('MODEL_NOT_FOUND');
  });
});
