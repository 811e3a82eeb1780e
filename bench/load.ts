/**
 * The mixed write load of bench/writes.ts and scripts/crash-test.ts: concurrent API clients
 * that create annotations, edit them with If-Match, link them and review each other's, with a
 * ledger of every write the server acknowledged so none can go missing unnoticed.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { call, prng, type Timed } from './harness';
import type { BenchWorld } from './setup';

export interface Ledger {
  /** Acknowledged annotation state: id -> the highest acknowledged version and its note. */
  annotations: Map<number, { version: number; note: string }>;
  links: Set<number>;
  reviews: Set<number>;
}

export interface LoadStats {
  latencies: number[];
  byStatus: Map<number, number>;
  started: number;
  finished: number;
}

export function newLedger(): Ledger {
  return { annotations: new Map(), links: new Set(), reviews: new Set() };
}

export function newStats(): LoadStats {
  return { latencies: [], byStatus: new Map(), started: performance.now(), finished: 0 };
}

function record(stats: LoadStats, r: Timed): Timed {
  stats.latencies.push(r.ms);
  stats.byStatus.set(r.status, (stats.byStatus.get(r.status) ?? 0) + 1);
  return r;
}

type AnnotationJson = { annotation?: { id: number; version: number; note: string } };

function acknowledge(ledger: Ledger, a: { id: number; version: number; note: string } | undefined): void {
  if (!a) return;
  const known = ledger.annotations.get(a.id);
  if (!known || a.version >= known.version) ledger.annotations.set(a.id, { version: a.version, note: a.note });
}

export type OpKind = 'create' | 'edit' | 'link' | 'review';

/** Shared between the clients of one reviewer (two clients race on the same annotations). */
interface ReviewerState {
  own: Array<{ id: number; version: number }>;
}

export interface ClientOptions {
  base: string;
  world: BenchWorld;
  client: number;
  ops: number;
  mix: OpKind[];
  ledger: Ledger;
  stats: LoadStats;
  shared: ReviewerState[];
  /** Targets in the other article, for links. */
  others: number[];
  stop?: () => boolean;
}

async function create(o: ClientOptions, token: string, me: ReviewerState, random: () => number) {
  const start = Math.floor(random() * (o.world.articleLength - 40));
  const note = `c${o.client}-${Math.floor(random() * 1e9)}`;
  const r = record(o.stats, await call(o.base, token, 'POST', `/api/articles/${o.world.articleId}/annotations`, { label: 'claim', start, end: start + 5 + Math.floor(random() * 30), note }));
  if (r.status === 201) {
    const a = (r.json as AnnotationJson).annotation;
    acknowledge(o.ledger, a);
    if (a) me.own.push({ id: a.id, version: a.version });
  }
}

async function edit(o: ClientOptions, token: string, me: ReviewerState, random: () => number) {
  if (!me.own.length) return create(o, token, me, random);
  const target = me.own[Math.floor(random() * me.own.length)];
  const note = `e${o.client}-${Math.floor(random() * 1e9)}`;
  const r = record(o.stats, await call(o.base, token, 'PATCH', `/api/annotations/${target.id}`, { note }, { 'if-match': `"${target.version}"` }));
  if (r.status === 200) {
    const a = (r.json as AnnotationJson).annotation;
    acknowledge(o.ledger, a);
    if (a) target.version = Math.max(target.version, a.version);
  } else if (r.status === 412) {
    const current = (r.json as { error?: { details?: { currentVersion?: number } } }).error?.details?.currentVersion;
    if (current) target.version = current;
  }
}

async function link(o: ClientOptions, token: string, me: ReviewerState, random: () => number) {
  if (!me.own.length || !o.others.length) return create(o, token, me, random);
  const from = me.own[Math.floor(random() * me.own.length)].id;
  const to = o.others[Math.floor(random() * o.others.length)];
  const r = record(o.stats, await call(o.base, token, 'POST', '/api/links', { fromAnnotationId: from, toAnnotationId: to, relation: random() < 0.5 ? 'corroborates' : 'conflicts' }));
  const id = (r.json as { link?: { id: number } } | null)?.link?.id ?? (r.json as { id?: number } | null)?.id;
  if (r.status === 201 && id) o.ledger.links.add(id);
}

async function review(o: ClientOptions, token: string, me: ReviewerState, random: () => number) {
  const mine = Math.floor(o.client / 2);
  const pool = o.shared.filter((_, i) => i !== mine).flatMap((s) => s.own);
  if (!pool.length) return create(o, token, me, random);
  const target = pool[Math.floor(random() * pool.length)];
  const decision = random() < 0.7 ? 'accept' : 'reject';
  const r = record(o.stats, await call(o.base, token, 'POST', `/api/annotations/${target.id}/reviews`, { decision, reason: decision === 'reject' ? 'not what it says' : '' }));
  const id = (r.json as { review?: { id: number } } | null)?.review?.id;
  if (r.status === 201 && id) o.ledger.reviews.add(id);
}

const OPS = { create, edit, link, review };

/** One client: `ops` writes in a seeded random order from `mix`. */
export async function runClient(o: ClientOptions): Promise<void> {
  const random = prng(1000 + o.client);
  const reviewer = o.world.reviewers[Math.floor(o.client / 2) % o.world.reviewers.length];
  const me = o.shared[Math.floor(o.client / 2) % o.shared.length];
  for (let i = 0; i < o.ops && !(o.stop?.() ?? false); i++) {
    await OPS[o.mix[Math.floor(random() * o.mix.length)]](o, reviewer.token, me, random);
  }
}

/** Every acknowledged write that is not in the PostgreSQL database (an empty list: nothing lost). */
export async function lostWritesPg(url: string, ledger: Ledger): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lost: string[] = [];
    const ids = [...ledger.annotations.keys()];
    const { rows } = await client.query<{ id: number; version: number; note: string }>('select id, version, note from annotations where id = any($1::int[])', [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [id, acked] of ledger.annotations) {
      const row = byId.get(id);
      if (!row) lost.push(`annotation ${id} is missing`);
      else if (row.version < acked.version) lost.push(`annotation ${id} is at version ${row.version}, but version ${acked.version} was acknowledged`);
      else if (row.version === acked.version && row.note !== acked.note) lost.push(`annotation ${id} version ${acked.version} has note ${row.note}, acknowledged ${acked.note}`);
    }
    for (const [table, wanted] of [['links', ledger.links], ['reviews', ledger.reviews]] as const) {
      const found = new Set((await client.query<{ id: number }>(`select id from ${table} where id = any($1::int[])`, [[...wanted]])).rows.map((r) => r.id));
      for (const id of wanted) if (!found.has(id)) lost.push(`${table.slice(0, -1)} ${id} is missing`);
    }
    return lost;
  } finally {
    await client.end();
  }
}

/** Every acknowledged write that is not in the database file (an empty list: nothing lost). */
export function lostWrites(dbFile: string, ledger: Ledger): string[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const lost: string[] = [];
    const ann = db.prepare('select version, note from annotations where id = ?');
    for (const [id, acked] of ledger.annotations) {
      const row = ann.get(id) as { version: number; note: string } | undefined;
      if (!row) lost.push(`annotation ${id} is missing`);
      else if (row.version < acked.version) lost.push(`annotation ${id} is at version ${row.version}, but version ${acked.version} was acknowledged`);
      else if (row.version === acked.version && row.note !== acked.note) lost.push(`annotation ${id} version ${acked.version} has note ${row.note}, acknowledged ${acked.note}`);
    }
    const link = db.prepare('select 1 from links where id = ?');
    for (const id of ledger.links) if (!link.get(id)) lost.push(`link ${id} is missing`);
    const review = db.prepare('select 1 from reviews where id = ?');
    for (const id of ledger.reviews) if (!review.get(id)) lost.push(`review ${id} is missing`);
    return lost;
  } finally {
    db.close();
  }
}
