/**
 * Upload rules shared by every import path: size limits, safe file names and the text
 * decoding of uploaded bytes. Pure; the data layer calls them before opening a transaction.
 */
import { AppError, badRequest } from '../errors';

/** One uploaded file: its name as sent and its bytes. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_BATCH_BYTES = 50 * 1024 * 1024;
export const MAX_FILES = 200;
export const TEXT_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.json', '.jsonl'] as const;

/** A problem with one file, with the line when there is one (for per-file results). */
export class FileProblem extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly status: 400 | 413 | 415 | 422 = 400,
  ) {
    super(line ? `${file}, line ${line}: ${message}` : `${file}: ${message}`);
  }
}

/** The file's extension in lower case ("" when none). */
export function extensionOf(name: string): string {
  const m = /\.[A-Za-z0-9]+$/.exec(name);
  return m ? m[0].toLowerCase() : '';
}

/**
 * Refuses names that could climb out of a folder or hide a path (../, absolute, drive
 * letters, NUL, control characters) and archives, which are not accepted at all.
 */
export function checkFileName(name: string): void {
  if (!name || name.length > 255) throw new FileProblem(name || '(no name)', 'the file name is missing or too long.');
  if (/\p{Cc}/u.test(name)) throw new FileProblem(name, 'the file name contains control characters.');
  const segments = name.split(/[\\/]/);
  if (segments.some((s) => s === '..') || /^([\\/]|[A-Za-z]:)/.test(name)) {
    throw new FileProblem(name, 'file names with "../" or an absolute path are refused.');
  }
  const ext = extensionOf(name);
  if (['.zip', '.tar', '.gz', '.tgz', '.7z', '.rar'].includes(ext)) {
    throw new FileProblem(name, 'archives are not accepted: upload the .txt, .md, .html, .json or .jsonl files themselves.', undefined, 415);
  }
  if (!(TEXT_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new FileProblem(name, `unsupported file type "${ext || 'none'}": use ${TEXT_EXTENSIONS.join(', ')}.`, undefined, 415);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 (refusing invalid bytes) and drops a leading byte order mark. */
export function decodeText(file: ImportFile): string {
  if (file.bytes.byteLength > MAX_FILE_BYTES) {
    throw new FileProblem(file.name, `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`, undefined, 413);
  }
  let text: string;
  try {
    text = utf8.decode(file.bytes);
  } catch {
    throw new FileProblem(file.name, 'the file is not valid UTF-8 text.', undefined, 422);
  }
  if (text.includes('\u0000')) throw new FileProblem(file.name, 'the file holds NUL bytes: it is binary, not text.', undefined, 422);
  return text.replace(/^\uFEFF/, '');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether any string in a parsed JSON value holds a lone surrogate or NUL (JSON escapes can
 * smuggle both in; neither is text, and a lone surrogate breaks code point offsets). Iterative,
 * so a hostile file nested 100,000 levels deep cannot overflow the stack.
 */
export function hasBrokenText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000') || LONE_SURROGATE.test(v)) return true;
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') stack.push(...Object.values(v));
  }
  return false;
}

/** Batch-level limits: how many files and how many bytes in total. */
export function checkBatch(files: ImportFile[]): void {
  if (files.length === 0) throw badRequest('No files: upload at least one file or paste a text.');
  if (files.length > MAX_FILES) throw badRequest(`Too many files: at most ${MAX_FILES} per import.`);
  const total = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  if (total > MAX_BATCH_BYTES) throw new AppError('payload_too_large', `The files add up to more than ${MAX_BATCH_BYTES / 1024 / 1024} MB.`);
}
