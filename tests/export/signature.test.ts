import { describe, expect, it } from 'vitest';
import { deriveSigningKey, serverSigningKey, signLineBytes, verifyLine } from '@/lib/export/signature';
import { serializeJsonl } from '@/lib/export/jsonl';
import type { ExportArticle, ExportContext } from '@/lib/export/types';

const key = deriveSigningKey('server-one-secret');
/** A signed line as text, as an import reads it (without the newline). */
const signLine = (json: string, k: Buffer, version: number) => signLineBytes(json, k, version).toString('utf8').replace(/\n$/, '');
const line = JSON.stringify({ type: 'article', id: 7, title: 'Ünïcode ✓', body: 'Zelenskyy 🇺🇦 said 👍🏽 — قال الرئيس שלום עולם', annotations: [{ author: { id: 3, name: 'Rami' } }], links: [] });

describe('native line signatures', () => {
  it('signs by appending a last member, and the signed line verifies and parses to the same object', () => {
    const signed = signLine(line, key, 1);
    expect(signed).toMatch(/,"signature":"v1:[0-9a-f]{64}"\}$/);
    expect(signed.startsWith(line.slice(0, -1))).toBe(true);
    const { signature, ...rest } = JSON.parse(signed);
    expect(signature).toMatch(/^v1:/);
    expect(rest).toEqual(JSON.parse(line));
    expect(verifyLine(signed, key, 1)).toBe('verified');
  });

  it('verifies emoji and right-to-left text after a trip through UTF-8 bytes, and ignores a trailing CR', () => {
    const signed = signLine(line, key, 1);
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(signed));
    expect(verifyLine(decoded, key, 1)).toBe('verified');
    expect(verifyLine(decoded + '\r', key, 1)).toBe('verified');
  });

  it('fails when any single character is changed', () => {
    const signed = signLine(line, key, 1);
    for (let i = 0; i < signed.length; i++) {
      const tampered = signed.slice(0, i) + (signed[i] === 'a' ? 'b' : 'a') + signed.slice(i + 1);
      expect(verifyLine(tampered, key, 1), `character ${i} changed`).not.toBe('verified');
    }
  });

  it('fails with another key, another format version, a forged value or a signature not at the end', () => {
    const signed = signLine(line, key, 1);
    expect(verifyLine(signed, deriveSigningKey('server-two-secret'), 1)).toBe('invalid');
    expect(verifyLine(signed, key, 2)).toBe('invalid');
    expect(verifyLine(signed.replace(/v1:[0-9a-f]{64}/, 'v1:' + '0'.repeat(64)), key, 1)).toBe('invalid');
    expect(verifyLine(signed.replace(/v1:[0-9a-f]{64}/, 'forged'), key, 1)).toBe('invalid');
    const moved = JSON.stringify({ signature: JSON.parse(signed).signature, ...JSON.parse(line) });
    expect(verifyLine(moved, key, 1)).toBe('invalid');
    expect(verifyLine(signed + ' ', key, 1)).toBe('invalid');
  });

  it('ends every signed line with exactly one newline', () => {
    const bytes = signLineBytes(line, key, 1);
    expect(bytes.at(-1)).toBe(0x0a);
    expect(bytes.indexOf(0x0a)).toBe(bytes.length - 1);
  });

  it('calls a line without a signature unsigned', () => {
    expect(verifyLine(line, key, 1)).toBe('unsigned');
  });

  it('derives a purpose-specific key: not the secret itself, different per secret, stable per secret', () => {
    expect(deriveSigningKey('s1').equals(deriveSigningKey('s1'))).toBe(true);
    expect(deriveSigningKey('s1').equals(deriveSigningKey('s2'))).toBe(false);
    expect(deriveSigningKey('s1').toString('utf8')).not.toContain('s1');
    expect(serverSigningKey().equals(deriveSigningKey(process.env.AUTH_SECRET!))).toBe(true);
  });
});

describe('serializeJsonl signs every article line, not the manifest', () => {
  const ctx = {
    project: { id: 1, name: 'P', slug: 'p' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    filters: {},
    counts: { articles: 1, annotations: 0, links: 0, reviews: 0, liveReviews: 0 },
  } as unknown as ExportContext;
  const article = { id: 1, title: 'T', outlet: null, url: null, author: null, publishedAt: null, sha256: 'x', importedAt: '2026-01-01T00:00:00.000Z', body: 'Body 🇺🇦', annotations: [], links: [] } as unknown as ExportArticle;

  const text = (chunks: Iterable<string | Uint8Array>) => [...chunks].map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'))).join('');

  it('with the given key', () => {
    const [manifest, first] = text(serializeJsonl(ctx, [article], key)).trimEnd().split('\n');
    expect(JSON.parse(manifest).signature).toBeUndefined();
    expect(verifyLine(first, key, 1)).toBe('verified');
    expect(verifyLine(first, serverSigningKey(), 1)).toBe('invalid');
  });

  it('keeps every line whole and in order when small and large lines are gathered into chunks', () => {
    const sizes = [10, 50_000, 10, 10, 200_000, 10, ...Array.from({ length: 300 }, () => 300)];
    const many = sizes.map((n, i) => ({ ...article, id: i + 1, body: 'é🇺🇦'.repeat(n) }) as ExportArticle);
    const lines = text(serializeJsonl(ctx, many, key)).trimEnd().split('\n').slice(1);
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(sizes.map((_, i) => i + 1));
    expect(lines.every((l) => verifyLine(l, key, 1) === 'verified')).toBe(true);
  });
});
