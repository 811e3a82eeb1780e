/**
 * Runs the real command line as a child process on this test file's DATA_DIR (set by
 * tests/setup.ts and inherited through the environment).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout split into lines, without the final empty one. */
  lines: string[];
}

/** The SQLite suite's CLI runs on DATA_DIR; the PostgreSQL suite's on this test file's database. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.TEST_ENGINE === 'pg') return env;
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

/** `npm run cli -- ...args`, with `stdin` piped in (empty when not given). */
export function cli(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(TSX, ['cli/index.ts', ...args], {
    cwd: ROOT,
    // DATABASE_URL points the CLI at PostgreSQL: in the SQLite suite only a test that asks for it gets one.
    env: { ...withoutDatabaseUrl(process.env), ...opts.env },
    input: opts.stdin ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  const lines = result.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, lines };
}
