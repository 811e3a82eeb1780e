/**
 * The layer rules of eslint.config.mjs catch what they are meant to: each probe is a small
 * source linted with the project's own config as if it lived at `filePath`, through relative
 * paths and the @/ alias alike. The allowed probes show the rules are not simply failing.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
// The probes are not files of the TypeScript project, so they are parsed without type
// information, and the type-aware promise rules (which need it) are off for them; the layer
// rules do not use types.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

/** The layer-rule messages ESLint reports for `code` placed at `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  // A probe that does not parse would report no layer error and pass as "allowed".
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${filePath}: ${fatal.message}`);
  return result.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('layer rules', { timeout: 120_000 }, () => {
  it('lib/ may not import components/, app/ or server/, relatively or through @/', async () => {
    const errors = await layerErrors(
      'lib/export/probe.ts',
      [
        "import { ActionForm } from '../../components/projects/ActionForm';",
        "import { LABEL_NAMES } from '@/components/annotator/labels';",
        "import { createProject } from '@/app/projects/actions';",
        'export const probe = [ActionForm, LABEL_NAMES, createProject];',
      ].join('\n'),
    );
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain('lib/ is imported by the app, never the other way round');
  });

  it('components and pages may not import lib/db, drizzle-orm or better-sqlite3', async () => {
    const component = await layerErrors(
      'components/annotator/Probe.tsx',
      ["import { getDb } from '../../lib/db/client';", "import { LABELS } from '@/lib/db/schema';", 'export const probe = [getDb, LABELS];'].join('\n'),
    );
    expect(component).toHaveLength(2);
    expect(component[0]).toContain('Only lib/data touches the database');
    const page = await layerErrors(
      'app/projects/probe/page.tsx',
      ["import { eq } from 'drizzle-orm';", "import Database from 'better-sqlite3';", 'export const probe = [eq, Database];'].join('\n'),
    );
    expect(page).toHaveLength(2);
  });

  it('lib/ outside lib/data may not touch the database; lib/data, the operator paths and tests may', async () => {
    const db = "import { getDb } from '../db/client';\nexport const probe = getDb;";
    expect(await layerErrors('lib/search/probe.ts', db)).toHaveLength(1);
    expect(await layerErrors('lib/data/probe.ts', db)).toEqual([]);
    expect(await layerErrors('lib/setup/probe.ts', db)).toEqual([]);
    expect(await layerErrors('cli/probe.ts', "import { getDb } from '../lib/db/client';\nexport const probe = getDb;")).toEqual([]);
    expect(await layerErrors('tests/probe.test.ts', "import { getDb } from '@/lib/db/client';\nexport const probe = getDb;")).toEqual([]);
  });

  it('nothing imports next/dist, not even through a dynamic import()', async () => {
    const errors = await layerErrors(
      'scripts/probe.ts',
      "export const probe = () => import('next/dist/server/web/spec-extension/cookies');",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('next/dist is Next.js internals');
    expect(await layerErrors('lib/auth/probe.ts', "import { cookies } from 'next/headers';\nexport const probe = cookies;")).toEqual([]);
  });
});
