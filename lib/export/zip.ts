/**
 * A streaming zip writer for the zip formats (brat, FEVER): files are deflated as they are
 * added and the archive's bytes are handed out as soon as fflate produces them, so an export
 * never holds the whole archive.
 */
import { Zip, ZipDeflate } from 'fflate';

export interface ZipWriter {
  /** Adds one complete file. */
  add(name: string, content: string): void;
  /** Starts a file whose content comes in several pieces; call `end()` on it when done. */
  open(name: string): { push(content: string): void; end(): void };
  /** The bytes produced so far (each chunk once). */
  drain(): Generator<Uint8Array>;
  /** Writes the central directory; drain() afterwards for the last bytes. */
  finish(): void;
}

/** Creates a zip writer; see ZipWriter. */
export function zipWriter(): ZipWriter {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  const encoder = new TextEncoder();
  const open = (name: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    return { push: (content: string) => file.push(encoder.encode(content), false), end: () => file.push(new Uint8Array(0), true) };
  };
  return {
    add(name, content) {
      const file = new ZipDeflate(name, { level: 6 });
      zip.add(file);
      file.push(encoder.encode(content), true);
    },
    open,
    *drain() {
      while (out.length) yield out.shift() as Uint8Array;
    },
    finish: () => zip.end(),
  };
}
