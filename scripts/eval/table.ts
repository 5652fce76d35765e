/** Plain-text and markdown tables for the evaluation scripts, plus the data/out writer. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../paths';

/** A titled table: a header row and body rows of already formatted cells. */
export interface Table {
  title: string;
  head: string[];
  rows: string[][];
  /** Lines printed under the table (definitions, caveats). */
  notes?: string[];
}

/** The table as aligned plain text (first column left-aligned, the rest right-aligned). */
export function plainTable(t: Table): string {
  const widths = t.head.map((h, c) => Math.max(h.length, ...t.rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((s, c) => (c === 0 ? s.padEnd(widths[c]!) : s.padStart(widths[c]!))).join('  ');
  const out = [t.title, line(t.head), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line)];
  for (const n of t.notes ?? []) out.push(`  ${n}`);
  return out.join('\n');
}

/** The table as GitHub markdown. */
export function markdownTable(t: Table): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [`**${t.title}**`, '', `| ${t.head.map(esc).join(' | ')} |`, `|${t.head.map((_, c) => (c === 0 ? '---' : '---:')).join('|')}|`];
  for (const r of t.rows) out.push(`| ${r.map(esc).join(' | ')} |`);
  if (t.notes?.length) out.push('', ...t.notes.map((n) => `${n}  `));
  return out.join('\n');
}

/** Collects tables: prints each as plain text at once, writes all as markdown at the end. */
export class Report {
  readonly #parts: string[] = [];

  constructor(readonly heading: string) {}

  /** Prints a table and keeps it for the markdown file. */
  table(t: Table): void {
    console.log(`\n${plainTable(t)}`);
    this.#parts.push(markdownTable(t));
  }

  /** Prints a paragraph and keeps it for the markdown file. */
  text(s: string): void {
    console.log(`\n${s}`);
    this.#parts.push(s);
  }

  /** Writes data/out/<name>.md; returns its path relative to the repo. */
  write(name: string): string {
    const dir = join(ROOT, 'data', 'out');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.md`);
    writeFileSync(file, `## ${this.heading}\n\n${this.#parts.join('\n\n')}\n`);
    return relative(ROOT, file);
  }
}

/** Fixed-point with `d` decimals. */
export const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '–');
/** "+0.012 ± 0.004" */
export const pm = (mean: number, se: number, d = 3) => `${mean >= 0 ? '+' : ''}${mean.toFixed(d)} ± ${se.toFixed(d)}`;
