import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useLiteModelDir } from '../node/use-lite';
import { normalizeForSentencePiece, SentencePieceTokenizer, type VocabEntry } from './tokenizer';

// Ids 0–5 are reserved, as in the USE-lite vocabulary.
const reserved: VocabEntry[] = [['<unk>', 0], ['<s>', 0], ['</s>', 0], ['r3', 0], ['r4', 0], ['r5', 0]];
const stub = new SentencePieceTokenizer([
  ...reserved,
  ['▁I', -1], // 6
  ['▁like', -1], // 7
  ['▁it', -1], // 8
  ['.', -1], // 9
  ['like', -2], // 10
  ['it', -2], // 11
  ['▁', -3], // 12
  ['▁ab', -10], // 13
  ['▁a', -1], // 14
  ['b', -1], // 15
  ['ç', -1], // 16
  ['a', -1], // 17
]);

describe('normalizeForSentencePiece', () => {
  it('marks words with ▁ and collapses whitespace', () => {
    expect(normalizeForSentencePiece('  I \t like\nit. ')).toBe('▁I▁like▁it.');
    expect(normalizeForSentencePiece(' \n ')).toBe('');
  });

  it('applies NFKC', () => {
    expect(normalizeForSentencePiece('c\u0327a')).toBe('▁ça');
    expect(normalizeForSentencePiece('ﬁ')).toBe('▁fi');
  });
});

describe('SentencePieceTokenizer (stub vocabulary)', () => {
  it('splits words at ▁', () => {
    expect(stub.encode('I like it.')).toEqual([6, 7, 8, 9]);
    expect(stub.encode('I   like  it.')).toEqual([6, 7, 8, 9]);
  });

  it('uses pieces without ▁ inside a word', () => {
    expect(stub.encode('Ilikeit.')).toEqual([6, 10, 11, 9]);
  });

  it('picks the most probable segmentation, not the longest match', () => {
    // ▁ab scores -10; ▁a + b scores -2.
    expect(stub.encode('ab')).toEqual([14, 15]);
  });

  it('treats composed and decomposed characters alike', () => {
    expect(stub.encode('ça')).toEqual(stub.encode('c\u0327a'));
    expect(stub.encode('ça')).toEqual([12, 16, 17]);
  });

  it('merges consecutive unknown characters into one unknown id', () => {
    expect(stub.encode('a😹😹')).toEqual([14, 0]);
    expect(stub.encode('a😹😹 a')).toEqual([14, 0, 14]);
  });

  it('returns no ids for empty text', () => {
    expect(stub.encode('')).toEqual([]);
  });
});

describe('SentencePieceTokenizer (USE-lite vocabulary)', () => {
  const vocab = JSON.parse(readFileSync(join(useLiteModelDir(), 'vocab.json'), 'utf8')) as VocabEntry[];
  const tok = new SentencePieceTokenizer(vocab);
  const pieces = (s: string) => tok.encode(s).map((id) => tok.piece(id));

  it('encodes common words as single pieces', () => {
    expect(tok.encode('the')).toEqual([9]); // "▁the" is entry 9 of vocab.json
    expect(pieces('Hello world.')).toEqual(['▁H', 'ello', '▁world', '.']);
  });

  it('is case-sensitive, like the vocabulary', () => {
    expect(tok.encode('The')).not.toEqual(tok.encode('the'));
  });

  it('covers the whole normalised text', () => {
    const text = 'Astronauts explore  outer space (1968).';
    expect(pieces(text).join('')).toBe(normalizeForSentencePiece(text));
  });
});
