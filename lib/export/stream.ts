/**
 * Turns a serializer's many small chunks into fewer, larger byte chunks (writing one byte
 * array per comma would dominate the cost of a large export), and into a web stream for
 * route handlers, pulling only when the client is ready so a slow download holds no backlog.
 */
const encoder = new TextEncoder();

/** Groups chunks into byte arrays of at least `size` bytes (the last one may be smaller). */
export function* batchBytes(chunks: Iterable<string | Uint8Array>, size = 64 * 1024): Generator<Uint8Array> {
  let pending: string[] = [];
  let pendingLength = 0;
  const flushText = (): Uint8Array => {
    const bytes = encoder.encode(pending.join(''));
    pending = [];
    pendingLength = 0;
    return bytes;
  };
  for (const chunk of chunks) {
    if (typeof chunk === 'string') {
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength >= size) yield flushText();
    } else {
      if (pendingLength) yield flushText();
      if (chunk.byteLength) yield chunk;
    }
  }
  if (pendingLength) yield flushText();
}

/** A ReadableStream over the chunks; cancelling it closes the generator (and its snapshot). */
export function toReadableStream(chunks: Generator<string | Uint8Array>): ReadableStream<Uint8Array> {
  const bytes = batchBytes(chunks);
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        const next = bytes.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
        chunks.return(undefined);
      }
    },
    cancel() {
      bytes.return(undefined);
      chunks.return(undefined);
    },
  });
}
