/**
 * A serializer as a sink: what it writes first, for each item (an article, or a native JSONL
 * line), and last, with its running state in between. One sink serves both engines: SQLite's
 * export reads its rows synchronously and runs the sink in a plain generator (runSink), as
 * fast as before; PostgreSQL's reads them asynchronously and runs the same sink in an async
 * generator (runSinkAsync). The bytes are the same either way.
 */
export type Chunk = string | Uint8Array;

export interface Sink<T> {
  start(): Iterable<Chunk>;
  write(item: T): Iterable<Chunk>;
  end(): Iterable<Chunk>;
}

const NOTHING: Chunk[] = [];
export const nothing = (): Iterable<Chunk> => NOTHING;

/** Runs a sink over items that are all at hand (a synchronous source). The sink is made at the first chunk. */
export function* runSink<T>(open: () => Sink<T>, items: Iterable<T>): Generator<Chunk> {
  const sink = open();
  yield* sink.start();
  for (const item of items) yield* sink.write(item);
  yield* sink.end();
}

/** Runs a sink over items that come asynchronously (or synchronously: for await takes both). */
export async function* runSinkAsync<T>(open: () => Sink<T>, items: AsyncIterable<T> | Iterable<T>): AsyncGenerator<Chunk> {
  const sink = open();
  yield* sink.start();
  for await (const item of items) yield* sink.write(item);
  yield* sink.end();
}
