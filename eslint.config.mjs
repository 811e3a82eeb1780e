/**
 * The house rules, enforced: typescript-eslint's recommended set, the React hooks rules for
 * client code, and the layer rules of docs/conventions.md. The layer rules work on resolved
 * file paths (import-x/no-restricted-paths with the TypeScript resolver), so `../db/client`,
 * `@/lib/db/client` and `import('…')` are all caught alike.
 */
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** The database, as files: the schema and connection, the ORM and the driver. */
const DATABASE = [
  './lib/db',
  './node_modules/drizzle-orm',
  './node_modules/better-sqlite3',
  './node_modules/@types/better-sqlite3',
  './node_modules/pg',
  './node_modules/@types/pg',
];

/**
 * Everything that must reach the database through lib/data. What is not listed may touch it:
 * lib/data and lib/db themselves, the operator paths (cli/, seeds/, lib/setup/) and the test
 * and benchmark code (tests/, e2e/, bench/, scripts/).
 */
const NO_DATABASE = [
  './app',
  './components',
  './server',
  './proxy.ts',
  './instrumentation.ts',
  './lib/*.ts',
  './lib/!(data|db|setup)/**',
];

const NEXT_INTERNALS = {
  target: './**',
  from: './node_modules/next/dist',
  message: 'next/dist is Next.js internals, not its API: use the public entry points (next/server, next/headers, ...).',
};

const layerZones = [
  {
    target: './lib',
    from: ['./components', './app', './server'],
    message: 'lib/ is imported by the app, never the other way round: move what both need into lib/ (lib/domain.ts for shared types).',
  },
  {
    target: NO_DATABASE,
    from: DATABASE,
    message: 'Only lib/data touches the database: call a lib/data function (or add one), and take shared enums and types from @/lib/domain.',
  },
  NEXT_INTERNALS,
];

export default tseslint.config(
  { ignores: ['node_modules/', '.next*/', 'data/', 'test-results/', 'playwright-report/', 'next-env.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Server code, scripts and client components share one config, so both sets of globals.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json', alwaysTryTypes: true })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    // The route-handler test harness calls next-auth's App Router handler outside Next.js, so
    // it sets up the per-request scope (cookies(), headers()) Next.js gives a handler. Nothing
    // that runs in the app imports Next.js internals.
    files: ['tests/security/routeCall.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones.filter((zone) => zone !== NEXT_INTERNALS) }] },
  },
  {
    // Dropping a field by destructuring it away (`const { body: _raw, ...meta } = row`) is how
    // this code base omits a key; anything else unused is dead code.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    // The data layer is asynchronous: a data call left without `await` would run after (or
    // outside) the transaction meant to hold it, or a test would pass before its assertion ran.
    // An async function handed to a place that ignores its promise (a void callback, a
    // condition, forEach) is the same mistake.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // The rules of hooks. The plugin's other rules are React Compiler diagnostics; this app
    // does not build with the React Compiler.
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
