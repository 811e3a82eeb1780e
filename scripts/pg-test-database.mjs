#!/usr/bin/env node
// A database of its own on PG_TEST_URL's server, for one test run (scripts/test-all.mjs):
// `create <prefix>` makes an empty one and prints its URL (the app migrates it on start);
// `drop <url>` drops it.
import crypto from 'node:crypto';
import pg from 'pg';

const [verb, arg] = process.argv.slice(2);
const server = process.env.PG_TEST_URL;
if (!server) {
  console.error('pg-test-database: PG_TEST_URL is not set');
  process.exit(1);
}

async function admin(statement) {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

if (verb === 'create') {
  const name = `${arg || 'run'}_${crypto.randomBytes(4).toString('hex')}`;
  await admin(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  console.log(url.toString());
} else if (verb === 'drop') {
  const name = decodeURIComponent(new URL(arg).pathname.slice(1));
  if (!/^[a-z]+_[0-9a-f]{8}$/.test(name)) throw new Error(`pg-test-database: not a database this script made: ${name}`);
  await admin(`drop database if exists "${name}" with (force)`);
} else {
  console.error('usage: pg-test-database.mjs create <prefix> | drop <url>');
  process.exit(2);
}
