/**
 * Turns a serializer's many small chunks into fewer, larger byte chunks (writing one byte
 * array per comma would dominate the cost of a large export), and into a web stream for
 * route handlers, pulling only when the client is ready so a slow download holds no backlog.
 *
 * An export's chunks come synchronously on SQLite (a Generator: its statements are
 * synchronous) and asynchronously on PostgreSQL (an AsyncGenerator); everything here takes
 * both, and consumers read them with `for await`, which takes both too.
 */
import type { Chunk } from './sink';

export type { Chunk } from './sink';

/** An export's chunks on either engine. Finish or `return()` it: that closes its snapshot. */
export type ChunkStream = Generator<Chunk> | AsyncGenerator<Chunk>;

const encoder = new TextEncoder();

const isAsync = <T>(chunks: Iterable<T> | AsyncIterable<T>): chunks is AsyncIterable<T> => Symbol.asyncIterator in chunks;

/** Gathers chunks; `push` answers the byte arrays that are complete. */
function batcher(size: number) {
  let pending: string[] = [];
  let pendingLength = 0;
  const flushText = (): Uint8Array => {
    const bytes = encoder.encode(pending.join(''));
    pending = [];
    pendingLength = 0;
    return bytes;
  };
  return {
    push(chunk: Chunk): Uint8Array[] {
      if (typeof chunk === 'string') {
        pending.push(chunk);
        pendingLength += chunk.length;
        return pendingLength >= size ? [flushText()] : [];
      }
      const out = pendingLength ? [flushText()] : [];
      if (chunk.byteLength) out.push(chunk);
      return out;
    },
    end: (): Uint8Array[] => (pendingLength ? [flushText()] : []),
  };
}

/** Groups chunks into byte arrays of at least `size` bytes (the last one may be smaller). */
export function batchBytes(chunks: Iterable<Chunk>, size?: number): Generator<Uint8Array>;
export function batchBytes(chunks: Iterable<Chunk> | AsyncIterable<Chunk>, size?: number): Generator<Uint8Array> | AsyncGenerator<Uint8Array>;
export function batchBytes(chunks: Iterable<Chunk> | AsyncIterable<Chunk>, size = 64 * 1024): Generator<Uint8Array> | AsyncGenerator<Uint8Array> {
  return isAsync(chunks) ? batchAsync(chunks, size) : batchSync(chunks, size);
}

function* batchSync(chunks: Iterable<Chunk>, size: number): Generator<Uint8Array> {
  const batch = batcher(size);
  for (const chunk of chunks) yield* batch.push(chunk);
  yield* batch.end();
}

async function* batchAsync(chunks: AsyncIterable<Chunk>, size: number): AsyncGenerator<Uint8Array> {
  const batch = batcher(size);
  for await (const chunk of chunks) for (const bytes of batch.push(chunk)) yield bytes;
  for (const bytes of batch.end()) yield bytes;
}

/** A ReadableStream over the chunks; cancelling it (or a failure) closes the generator and its snapshot. */
export function toReadableStream(chunks: ChunkStream): ReadableStream<Uint8Array> {
  const bytes = batchBytes(chunks);
  const close = async () => {
    await bytes.return(undefined);
    await chunks.return(undefined);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await bytes.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
        await close().catch(() => {});
      }
    },
    async cancel() {
      await close();
    },
  });
}

/** Every chunk, read to the end with `for await`, as one byte array (tests, scripts, small exports). */
export async function collectBytes(chunks: Iterable<Chunk> | AsyncIterable<Chunk>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** The same as UTF-8 text. */
export async function collectText(chunks: Iterable<Chunk> | AsyncIterable<Chunk>): Promise<string> {
  return (await collectBytes(chunks)).toString('utf8');
}
