import { defineConfig } from 'drizzle-kit';

// The PostgreSQL schema and its migrations (issue 17); drizzle.config.ts is SQLite's.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/pg/schema.ts',
  out: './drizzle/pg',
});
