/**
 * Runtime configuration from the environment (PORT, DATA_DIR, AUTH_SECRET) and the files
 * the app keeps in DATA_DIR. Nothing here needs a .env file.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/** The folder holding the database, the generated secret and the first admin password. */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || './data');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function databasePath(): string {
  return path.join(dataDir(), 'workbench.sqlite');
}

/**
 * AUTH_SECRET when given; otherwise a random secret generated once and kept in DATA_DIR,
 * so sessions survive restarts without any setup.
 */
export function authSecret(): string {
  const fromEnv = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir(), 'auth-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const secret = crypto.randomBytes(32).toString('base64url');
    // wx: if two processes race, the loser reads the winner's secret.
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}
