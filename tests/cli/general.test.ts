/** The command line as a whole: help, usage errors and exit codes, and which database it opens. */
import fs from 'node:fs';
import { onPostgres } from '@/lib/db/engine';
import { describe, expect, it } from 'vitest';
import { countRows, getDb } from '@/lib/db/client';
import { projects, users } from '@/lib/db/tables';
import { databasePath } from '@/lib/config';
import { cli } from './run';

describe('cli help', () => {
  it('lists every command of design.md with `help`', () => {
    const result = cli(['help']);
    expect(result.code).toBe(0);
    for (const name of ['user', 'member', 'token', 'import', 'backup', 'restore', 'check']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${name}\\s+\\S`, 'm'));
    }
  });

  it('prints a command\'s synopsis with --help and with `help <command>`', () => {
    const viaFlag = cli(['member', '--help']);
    expect(viaFlag.code).toBe(0);
    expect(viaFlag.stdout).toContain('member add <project> <email> --role lead|reviewer|viewer');
    expect(viaFlag.stdout).toContain('member remove <project> <email>');
    expect(cli(['help', 'member']).stdout).toBe(viaFlag.stdout);
    expect(cli(['user', 'add', '--help']).stdout).toContain('user add <email> [--name NAME] [--admin] [--password-stdin]');
  });
});

describe('cli usage errors exit 2 with one clear line', () => {
  it('refuses an unknown command', () => {
    const result = cli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('error: Unknown command "frobnicate". Run "npm run cli -- help" for the list.');
    expect(result.stdout).toBe('');
  });

  it('refuses no command at all', () => {
    const result = cli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: No command given/);
  });

  it('refuses an unknown subcommand and shows the synopsis', () => {
    const result = cli(['user', 'delete', 'a@example.test']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: Unknown subcommand "user delete"\.\nusage: npm run cli -- user add <email>/);
  });

  it('refuses a missing argument', () => {
    const result = cli(['user', 'add']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('error: Missing <email>.');
  });

  it('refuses an unknown flag, a flag without its value and an extra argument', () => {
    expect(cli(['user', 'add', 'a@example.test', '--admn']).stderr).toMatch(/^error: Unknown option --admn\./);
    expect(cli(['token', 'create', 'a@example.test', '--name']).stderr).toMatch(/^error: --name needs a value\./);
    const extra = cli(['user', 'disable', 'a@example.test', 'b@example.test']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/^error: Unexpected argument "b@example.test"\./);
  });
});

describe('cli database', () => {
  it('opens and migrates the database (DATA_DIR, or DATABASE_URL) but creates no admin and no seeds', async () => {
    const result = cli(['check']);
    expect(result.code).toBe(0);
    if (onPostgres()) expect(result.stdout).toMatch(/^Checking PostgreSQL /);
    else {
      expect(result.stdout).toContain(databasePath());
      expect(fs.existsSync(databasePath())).toBe(true);
    }
    expect(await countRows(getDb(), users)).toBe(0);
    expect(await countRows(getDb(), projects)).toBe(0);
    expect(fs.existsSync(`${process.env.DATA_DIR}/initial-admin-password`)).toBe(false);
  });
});
