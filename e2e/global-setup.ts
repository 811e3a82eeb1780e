/** Clears stored sessions: the server under test starts with a fresh database every run. */
import fs from 'node:fs';
import path from 'node:path';

export default function globalSetup() {
  fs.rmSync(path.resolve(`test-results/e2e-sessions-${process.env.E2E_PORT || 3100}`), { recursive: true, force: true });
}
