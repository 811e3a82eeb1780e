/**
 * After every Playwright run: the same checks as `npm run cli -- check` (integrity_check,
 * foreign_key_check, spans inside their articles and equal to their exact, no live link to a
 * deleted annotation, statuses equal to what the reviews derive) on the database the tests
 * just used. The run fails if any invariant fails.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export default function globalTeardown() {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir || !fs.existsSync(path.join(dataDir, 'workbench.sqlite'))) return;
  const root = path.resolve(__dirname, '..');
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'cli', 'index.ts'), 'check'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0) {
    throw new Error(`Invariants failed after the e2e run (npm run cli -- check, DATA_DIR=${dataDir}):\n${output}`);
  }
  console.log(`Invariants after the e2e run: ${output.split('\n').pop()}`);
}
