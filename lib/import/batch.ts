/**
 * JSON and JSONL batches: each item is {title, body, outlet?, url?, author?, publishedAt?}.
 * Items are validated with the same schema as a single import (unknown fields refused) and a
 * problem names the line (JSONL) or the item and its line (JSON).
 */
import { importArticleSchema } from '../data/articles';
import { describeIssues } from '../validation';
import { FileProblem, hasBrokenText } from './files';
import type { ArticleDraft } from './types';

/** The 1-based line of a character position. */
export function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** "Unexpected token ... in JSON at position 13" -> the reason, line and column. */
function jsonProblem(message: string, text: string): { reason: string; line: number; column: number | null } {
  const pos = /at position (\d+)/.exec(message);
  const reason = message.replace(/\s*(?:in JSON )?at position \d+.*$/s, '').replace(/^JSON\.parse: /, '').slice(0, 120) || 'invalid JSON';
  if (!pos) return { reason, line: 1, column: null };
  const at = Number(pos[1]);
  const line = lineAt(text, at);
  const column = at - text.lastIndexOf('\n', at - 1);
  return { reason, line, column };
}

function parseJsonAt(name: string, text: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const { reason, line, column } = jsonProblem(error instanceof Error ? error.message : String(error), text);
    throw new FileProblem(name, `malformed JSON (${reason}${column ? `, column ${column}` : ''}).`, line + lineOffset);
  }
}

/** Validates one batch item; the problem names the line. */
export function checkItem(name: string, item: unknown, line: number): ArticleDraft {
  if (hasBrokenText(item)) throw new FileProblem(name, 'a text holds a NUL character or a lone surrogate (\\uD800-\\uDFFF escape without its pair).', line, 422);
  const result = importArticleSchema.safeParse(item);
  if (!result.success) throw new FileProblem(name, describeIssues(result.error), line, 422);
  return result.data;
}

/** Items of a .jsonl file, one per non-empty line. */
export function parseJsonl(name: string, text: string): Array<{ draft: ArticleDraft; line: number }> {
  const out: Array<{ draft: ArticleDraft; line: number }> = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    out.push({ draft: checkItem(name, parseJsonAt(name, raw, i), i + 1), line: i + 1 });
  });
  if (out.length === 0) throw new FileProblem(name, 'the file has no articles.', undefined, 422);
  return out;
}

/** The line where the n-th top-level array item starts (best effort, for messages). */
function itemLines(text: string, count: number): number[] {
  const lines: number[] = [];
  let depth = 0;
  let inString = false;
  let line = 1;
  for (let i = 0; i < text.length && lines.length < count; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === '[' || c === '{') {
      if (depth === 1) lines.push(line);
      depth++;
    } else if (c === ']' || c === '}') depth--;
  }
  return lines;
}

/** Items of a .json file: an array of items, or one item. */
export function parseJsonBatch(name: string, text: string): Array<{ draft: ArticleDraft; line: number }> {
  const value = parseJsonAt(name, text);
  if (!Array.isArray(value)) return [{ draft: checkItem(name, value, 1), line: 1 }];
  if (value.length === 0) throw new FileProblem(name, 'the file has no articles.', undefined, 422);
  const lines = itemLines(text, value.length);
  return value.map((item, i) => ({ draft: checkItem(name, item, lines[i] ?? 1), line: lines[i] ?? 1 }));
}
