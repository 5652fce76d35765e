/**
 * A tiny BERT-shaped model for testing the transformers.js (Sentence-BERT) path without pretrained
 * weights: ONNX graph `input_ids → Gather(embeddings) → Tanh → last_hidden_state`, a WordPiece
 * `tokenizer.json`, `tokenizer_config.json` and `config.json` (model_type "bert"). The ONNX file is
 * protobuf encoded by hand (field numbers from onnx.proto), so no dependency is needed. A plain-JS
 * reference (`referenceEmbed`) computes what mean pooling + normalisation must return.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The WordPiece vocabulary: special tokens, whole words, "##" continuations, single characters. */
export const TINY_VOCAB: readonly string[] = [
  '[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]',
  'a', 'the', 'to', 'of', 'and', 'about', 'space', '##ship', 'galaxy', 'distant', 'travel', '##s',
  'astronaut', 'explore', 'outer', 'romantic', 'comedy', 'wedding', 'film', 'movie', 'dog', 'cat',
  'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u',
  'v', 'w', 'x', 'y', 'z', '.', ',', '!', '?', '##a', '##e', '##i', '##o', '##u', '##n', '##r', '##t',
];
/** Hidden size of the tiny model. */
export const TINY_HIDDEN = 8;
/** Folder name (model id) the tiny model is written under. */
export const TINY_MODEL_ID = 'tiny-bert';

/** Deterministic embedding table: E[v][h] = 1.5 · sin(0.7·v + 1.3·h + 0.1·v·h). */
export function tinyEmbeddings(): Float32Array {
  const e = new Float32Array(TINY_VOCAB.length * TINY_HIDDEN);
  for (let v = 0; v < TINY_VOCAB.length; v++) {
    for (let h = 0; h < TINY_HIDDEN; h++) e[v * TINY_HIDDEN + h] = 1.5 * Math.sin(0.7 * v + 1.3 * h + 0.1 * v * h);
  }
  return e;
}

// ---- protobuf, by hand ------------------------------------------------------------------------

type Bytes = number[];

function varint(n: number | bigint): Bytes {
  let v = BigInt(n);
  if (v < 0n) v += 1n << 64n; // two's complement for negative int64
  const out: Bytes = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const key = (field: number, wire: number) => varint((field << 3) | wire);
const vint = (field: number, n: number | bigint): Bytes => [...key(field, 0), ...varint(n)];
const bytes = (field: number, b: Uint8Array | Bytes): Bytes => [...key(field, 2), ...varint(b.length), ...b];
const str = (field: number, s: string): Bytes => bytes(field, Array.from(new TextEncoder().encode(s)));
const msg = (field: number, parts: Bytes[]): Bytes => bytes(field, parts.flat());

const ONNX_FLOAT = 1;
const ONNX_INT64 = 7;

/** TypeProto for a tensor whose dims are symbolic names or sizes. */
function tensorType(elemType: number, dims: (string | number)[]): Bytes[] {
  const shape = dims.map((d) => msg(1, [typeof d === 'string' ? str(2, d) : vint(1, d)]));
  return [msg(1, [vint(1, elemType), msg(2, shape)])];
}

/** The ONNX ModelProto bytes of the Gather → Tanh graph. */
export function tinyBertOnnx(): Uint8Array {
  const emb = tinyEmbeddings();
  const initializer = msg(5, [
    vint(1, TINY_VOCAB.length),
    vint(1, TINY_HIDDEN),
    vint(2, ONNX_FLOAT),
    str(8, 'embeddings'),
    bytes(9, new Uint8Array(emb.buffer)),
  ]);
  const gather = msg(1, [str(1, 'embeddings'), str(1, 'input_ids'), str(2, 'gathered'), str(3, 'gather'), str(4, 'Gather')]);
  const tanh = msg(1, [str(1, 'gathered'), str(2, 'last_hidden_state'), str(3, 'tanh'), str(4, 'Tanh')]);
  const input = msg(11, [str(1, 'input_ids'), msg(2, tensorType(ONNX_INT64, ['batch_size', 'sequence_length']))]);
  const output = msg(12, [str(1, 'last_hidden_state'), msg(2, tensorType(ONNX_FLOAT, ['batch_size', 'sequence_length', TINY_HIDDEN]))]);
  const graph = msg(7, [gather, tanh, str(2, 'tiny-bert'), initializer, input, output]);
  const model = [vint(1, 8), str(2, 'recostream-make-tiny-bert'), graph, msg(8, [str(1, ''), vint(2, 13)])];
  return Uint8Array.from(model.flat());
}

// ---- tokenizer + config -----------------------------------------------------------------------

/** The Hugging Face `tokenizer.json` of a lower-casing BERT WordPiece tokenizer over TINY_VOCAB. */
export function tinyTokenizerJson(): object {
  const vocab = Object.fromEntries(TINY_VOCAB.map((t, i) => [t, i]));
  const special = (content: string) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [vocab[t]], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}

/** Writes config.json, tokenizer.json, tokenizer_config.json and onnx/model{,_quantized}.onnx into `dir`. */
export function writeTinyBert(dir: string): string[] {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const files: Record<string, string | Uint8Array> = {
    'config.json': JSON.stringify(
      { model_type: 'bert', architectures: ['BertModel'], hidden_size: TINY_HIDDEN, vocab_size: TINY_VOCAB.length, num_hidden_layers: 0, num_attention_heads: 1, max_position_embeddings: 512, type_vocab_size: 1, pad_token_id: 0 },
      null,
      2,
    ),
    'tokenizer.json': JSON.stringify(tinyTokenizerJson(), null, 2),
    'tokenizer_config.json': JSON.stringify(
      { tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 512, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]', clean_up_tokenization_spaces: true },
      null,
      2,
    ),
    'onnx/model.onnx': tinyBertOnnx(),
    // The same fp32 graph under the q8 name, so the default dtype ('q8' on wasm) loads it too.
    'onnx/model_quantized.onnx': tinyBertOnnx(),
  };
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return Object.keys(files);
}

// ---- plain-JS reference -----------------------------------------------------------------------

const isPunct = (ch: string) => /\p{P}/u.test(ch) || /[!-/:-@[-`{-~]/.test(ch); // BERT: Unicode P* or ASCII symbols

/** BERT basic tokenisation + WordPiece over TINY_VOCAB, wrapped in [CLS] … [SEP]. */
export function referenceTokenize(text: string): number[] {
  const index = new Map(TINY_VOCAB.map((t, i) => [t, i]));
  const clean = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');
  const words: string[] = [];
  let cur = '';
  for (const ch of clean) {
    if (/\s/.test(ch)) {
      if (cur) words.push(cur);
      cur = '';
    } else if (isPunct(ch)) {
      if (cur) words.push(cur);
      words.push(ch);
      cur = '';
    } else cur += ch;
  }
  if (cur) words.push(cur);
  const ids = [index.get('[CLS]')!];
  for (const w of words) {
    const pieces: number[] = [];
    let start = 0;
    let ok = true;
    while (start < w.length) {
      let end = w.length;
      let found = -1;
      while (end > start) {
        const sub = (start > 0 ? '##' : '') + w.slice(start, end);
        const id = index.get(sub);
        if (id !== undefined) {
          found = id;
          break;
        }
        end--;
      }
      if (found < 0) {
        ok = false;
        break;
      }
      pieces.push(found);
      start = end;
    }
    ids.push(...(ok ? pieces : [index.get('[UNK]')!]));
  }
  ids.push(index.get('[SEP]')!);
  return ids;
}

/** What feature-extraction with mean pooling + normalize must return for the tiny model. */
export function referenceEmbed(text: string): Float64Array {
  const e = tinyEmbeddings();
  const ids = referenceTokenize(text);
  const out = new Float64Array(TINY_HIDDEN);
  for (const id of ids) for (let h = 0; h < TINY_HIDDEN; h++) out[h]! += Math.tanh(e[id * TINY_HIDDEN + h]!) / ids.length;
  const n = Math.hypot(...out);
  return out.map((x) => x / n);
}
