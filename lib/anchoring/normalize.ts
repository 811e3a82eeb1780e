/**
 * The one normalization applied to article text on import (the offsets contract): CRLF and
 * lone CR become LF, then Unicode NFC. Nothing else is touched, so offsets computed by any
 * client on the normalized text agree with the server's.
 */
import crypto from 'node:crypto';

export function normalizeArticleText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}

/** Hex sha256 of the UTF-8 bytes of a (normalized) body. */
export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
