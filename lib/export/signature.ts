/**
 * Signatures on native JSONL article lines, so an import can tell a line this server wrote
 * from one that was edited or came from another server: only a line that verifies may keep
 * its authors and reviewers (lib/data/nativeImport.ts). A signed line is the line as
 * JSON.stringify wrote it with one last member appended, `,"signature":"v1:<hex>"}`; the
 * HMAC-SHA256 covers the format version and the line text without that member, so a check
 * works on the raw text and never depends on re-serializing the same bytes.
 */
import crypto from 'node:crypto';
import { authSecret } from '../config';

/** The signature scheme's tag; a new scheme gets a new tag, never a new meaning for this one. */
const SCHEME = 'v1';
const SUFFIX = /,"signature":"(v1:[0-9a-f]{64})"\}$/;
const PURPOSE = 'factcheck-workbench/native-export-signing/v1';

/** What an import learns about one line's signature. */
export type SignatureCheck = 'verified' | 'unsigned' | 'invalid';

/**
 * The signing key for one purpose derived from a secret (HMAC(secret, purpose)), so the
 * session secret itself never signs exports and a leaked export key does not forge sessions.
 */
export function deriveSigningKey(secret: string): Buffer {
  return crypto.createHmac('sha256', secret).update(PURPOSE).digest();
}

/** This server's export signing key, derived from AUTH_SECRET or DATA_DIR/auth-secret. */
export function serverSigningKey(): Buffer {
  return deriveSigningKey(authSecret());
}

/** The HMAC over the format version and a line's unsigned text (a string or its UTF-8 bytes). */
function mac(key: Buffer, formatVersion: number, unsigned: string | Uint8Array): string {
  const hmac = crypto.createHmac('sha256', key).update(`factcheck-workbench native v${formatVersion}\n`);
  return (typeof unsigned === 'string' ? hmac.update(unsigned, 'utf8') : hmac.update(unsigned)).digest('hex');
}

const member = (signature: string) => `,"signature":"${SCHEME}:${signature}"}`;
/** Bytes of `,"signature":"v1:<64 hex>"}`, replacing the line's closing brace. */
const MEMBER_BYTES = member('0'.repeat(64)).length;

/**
 * Signs one serialized JSON object (no trailing newline; never empty, as article lines are):
 * the same text with the signature as its last member, as UTF-8 bytes with the trailing
 * newline, written into one buffer: hashing bytes is several times faster than hashing a
 * string, which matters for a million-annotation export.
 */
export function signLineBytes(json: string, key: Buffer, formatVersion: number): Buffer {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: encoding into room that large skips the
  // separate pass that Buffer.byteLength would make over the whole line.
  const room = json.length * 3 + MEMBER_BYTES + 1;
  const buffer = room <= MAX_SCRATCH ? scratchOf(room) : Buffer.allocUnsafeSlow(room);
  const length = buffer.write(json, 0, 'utf8');
  const signature = mac(key, formatVersion, buffer.subarray(0, length));
  const total = length - 1 + buffer.write(member(signature) + '\n', length - 1, 'latin1');
  return Buffer.from(buffer.subarray(0, total));
}

/** Lines up to this size are encoded in one reused buffer; a larger one gets its own. */
const MAX_SCRATCH = 8 * 1024 * 1024;
let scratch = Buffer.alloc(0);
function scratchOf(size: number): Buffer {
  if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.min(MAX_SCRATCH, Math.max(size, scratch.length * 2)));
  return scratch;
}

/**
 * Checks one line as read from the file (a trailing CR is ignored): 'verified' when it ends
 * with a signature that matches the rest of the text, 'unsigned' when it has no signature
 * member at the end, 'invalid' otherwise (edited, malformed or signed with another key).
 */
export function verifyLine(line: string, key: Buffer, formatVersion: number): SignatureCheck {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const match = SUFFIX.exec(text);
  if (!match) return text.includes('"signature"') ? 'invalid' : 'unsigned';
  const unsigned = text.slice(0, match.index) + '}';
  const expected = Buffer.from(`${SCHEME}:${mac(key, formatVersion, unsigned)}`);
  const given = Buffer.from(match[1]);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? 'verified' : 'invalid';
}
