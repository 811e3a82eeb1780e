/**
 * A progress line for long commands, on standard error and only on a terminal: rewritten in
 * place ("\r") at most every 200 ms, in the words the web UI uses (lib/progress.ts). When
 * stderr is a pipe or a file nothing is written, so scripts and logs see plain output only.
 */
import { describeProgress, type ProgressState } from '../lib/progress';

export interface ProgressLine {
  update(progress: Omit<ProgressState, 'elapsedMs'>): void;
  /** Writes the final state and ends the line. */
  finish(progress: Omit<ProgressState, 'elapsedMs'>): void;
}

export function progressLine(verb: string, unit: string | null, stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  const tty = Boolean(stream.isTTY);
  const started = Date.now();
  let last = 0;
  let width = 0;
  const write = (progress: Omit<ProgressState, 'elapsedMs'>, end: string) => {
    const text = `${verb} ${describeProgress({ ...progress, elapsedMs: Date.now() - started }, unit)}`;
    stream.write(`\r${text.padEnd(width)}${end}`);
    width = text.length;
  };
  return {
    update(progress) {
      if (!tty || Date.now() - last < 200) return;
      last = Date.now();
      write(progress, '');
    },
    finish(progress) {
      if (tty) write(progress, '\n');
    },
  };
}
