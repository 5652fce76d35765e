/**
 * SentencePiece unigram tokenizer for the USE-lite vocabulary (`vocab.json`: [piece, log-prob][]).
 * Text is NFKC-normalised, runs of whitespace collapse to one space, and each word starts with
 * "▁" (U+2581); the segmentation with the highest total log-probability wins (Viterbi), as in
 * SentencePiece's unigram model. Characters no piece covers become the unknown id 0, merged when
 * consecutive.
 */

/** One vocabulary entry: the piece and its log-probability. */
export type VocabEntry = readonly [piece: string, score: number];

/** The word-boundary marker SentencePiece puts before each word. */
export const SP_SPACE = '\u2581';
/** Ids below this are reserved (unknown, <s>, </s>, user symbols) and never produced from text. */
export const RESERVED_IDS = 6;
/** Id of the unknown piece. */
export const UNK_ID = 0;
/** SentencePiece scores an unknown character this far below the lowest piece score. */
const UNK_PENALTY = 10;

/** Normalises text the way the tokenizer sees it: NFKC, collapsed whitespace, "▁" word markers. */
export function normalizeForSentencePiece(text: string): string {
  const t = text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  return t.length === 0 ? '' : SP_SPACE + t.replaceAll(' ', SP_SPACE);
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Vocabulary id when a piece ends here, else -1. */
  id: number;
  score: number;
}

const newNode = (): TrieNode => ({ next: new Map(), id: -1, score: 0 });

/** Viterbi segmentation over a unigram vocabulary. */
export class SentencePieceTokenizer {
  private readonly root = newNode();
  private readonly unkScore: number;

  constructor(private readonly vocab: readonly VocabEntry[]) {
    let minScore = 0;
    for (let id = RESERVED_IDS; id < vocab.length; id++) {
      const [piece, score] = vocab[id]!;
      minScore = Math.min(minScore, score);
      let node = this.root;
      for (const ch of piece) {
        let child = node.next.get(ch);
        if (!child) node.next.set(ch, (child = newNode()));
        node = child;
      }
      node.id = id;
      node.score = score;
    }
    this.unkScore = minScore - UNK_PENALTY;
  }

  /** Number of entries in the vocabulary. */
  get size(): number {
    return this.vocab.length;
  }

  /** The piece of an id ("" for an unknown id). */
  piece(id: number): string {
    return this.vocab[id]?.[0] ?? '';
  }

  /** Id of an exact piece, or -1 (reserved ids are not looked up). */
  idOf(piece: string): number {
    let node: TrieNode | undefined = this.root;
    for (const ch of piece) {
      node = node.next.get(ch);
      if (!node) return -1;
    }
    return node.id;
  }

  /** Token ids of `text`; an empty or all-whitespace text gives []. */
  encode(text: string): number[] {
    const chars = Array.from(normalizeForSentencePiece(text)); // code points, not UTF-16 units
    const n = chars.length;
    if (n === 0) return [];
    const best = new Float64Array(n + 1).fill(-Infinity);
    const from = new Int32Array(n + 1); // start position of the best last piece ending here
    const ids = new Int32Array(n + 1); // id of that piece
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      const base = best[i]!;
      if (base === -Infinity) continue;
      let node: TrieNode | undefined = this.root;
      let singleCharPiece = false;
      for (let j = i; j < n; j++) {
        node = node.next.get(chars[j]!);
        if (!node) break;
        if (node.id >= 0) {
          if (j === i) singleCharPiece = true;
          const s = base + node.score;
          if (s > best[j + 1]!) {
            best[j + 1] = s;
            from[j + 1] = i;
            ids[j + 1] = node.id;
          }
        }
      }
      if (!singleCharPiece) {
        const s = base + this.unkScore;
        if (s > best[i + 1]!) {
          best[i + 1] = s;
          from[i + 1] = i;
          ids[i + 1] = UNK_ID;
        }
      }
    }
    const out: number[] = [];
    for (let end = n; end > 0; end = from[end]!) {
      const id = ids[end]!;
      if (!(id === UNK_ID && out[out.length - 1] === UNK_ID)) out.push(id);
    }
    return out.reverse();
  }
}
