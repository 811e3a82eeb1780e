/**
 * GET /api/live on real SQLite: a change made through lib/data reaches the open streams of
 * the project's members (and only theirs) as `event: change`, a reconnect with Last-Event-ID
 * replays what it missed in order, a stream too far behind gets `reset`, bad parameters get
 * a 400, and one account cannot hold more than MAX_STREAMS_PER_USER streams.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { getSqlite } from '@/lib/db/client';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { createAnnotation } from '@/lib/data/annotations';
import { reviewAnnotation } from '@/lib/data/reviews';
import { removeMember } from '@/lib/data/projects';
import { createToken } from '@/lib/data/tokens';
import { liveChangesAfter, REPLAY_WINDOW } from '@/lib/data/liveEvents';
import { currentCursor } from '@/lib/data/annotations';
import { MAX_STREAMS_PER_USER } from '@/lib/api/live';
import type { LiveChange } from '@/lib/domain';
import { buildRequest, importRoute, type RouteModule } from '../security/routeCall';
import { makeProject, makeUser } from '../helpers';

type Person = Awaited<ReturnType<typeof makeUser>>;
let olena: Person, dilshod: Person, outsider: Person;
let projectId: number, otherProjectId: number, articleId: number, otherArticleId: number;
const tokens = new Map<Person, string>();
let route: RouteModule;

interface Frame {
  id?: string;
  event?: string;
  data?: unknown;
}

/** An open stream: frames as they arrive, and a way to wait for one. */
interface Stream {
  status: number;
  body: unknown;
  frames: Frame[];
  waitFor(match: (f: Frame) => boolean, ms?: number): Promise<Frame>;
  close(): void;
}

const openStreams: Stream[] = [];

async function open(who: Person, { headers = {}, query = '' }: { headers?: Record<string, string>; query?: string } = {}): Promise<Stream> {
  const abort = new AbortController();
  const plain = buildRequest({ method: 'GET', url: `/api/live${query}`, params: {}, token: tokens.get(who), headers });
  const request = new Request(plain, { signal: abort.signal });
  const response = await route.GET!(request, { params: Promise.resolve({}) });
  const frames: Frame[] = [];
  const waiters: Array<() => void> = [];
  const stream: Stream = {
    status: response.status,
    body: response.headers.get('content-type')?.includes('json') ? await response.json() : null,
    frames,
    async waitFor(match, ms = 2_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = frames.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(frames)}`);
        await new Promise<void>((resolve) => { waiters.push(resolve); setTimeout(resolve, 50); });
      }
    },
    close: () => abort.abort(),
  };
  if (response.status === 200 && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const frame: Frame = {};
            for (const line of block.split('\n')) {
              const m = /^(id|event|data): (.*)$/.exec(line);
              if (m?.[1] === 'data') frame.data = JSON.parse(m[2]);
              else if (m) frame[m[1] as 'id' | 'event'] = m[2];
            }
            if (frame.event) frames.push(frame);
            waiters.splice(0).forEach((w) => w());
          }
        }
      } catch {
        /* aborted */
      }
    })();
  }
  openStreams.push(stream);
  return stream;
}

const change = (f: Frame) => f.data as LiveChange;
const isChange = (pred: (c: LiveChange) => boolean) => (f: Frame) => f.event === 'change' && pred(change(f));

async function annotate(who: Person, article = articleId, start = 0) {
  return createAnnotation({ actor: who.actor, articleId: article, input: { label: 'claim', start, end: start + 9 } });
}

beforeAll(async () => {
  route = (await importRoute('/api/live'))!;
  [olena, dilshod, outsider] = await Promise.all(['Olena Kovalenko', 'Dilshod Ёқубов', 'Outsider 🙂'].map((name) => makeUser({ name })));
  projectId = (await makeProject([[olena.user.id, 'lead'], [dilshod.user.id, 'reviewer']])).id;
  otherProjectId = (await makeProject([[outsider.user.id, 'lead'], [olena.user.id, 'reviewer']])).id;
  const body = 'Україна ніколи не визнає окуповані території російськими, заявив Зеленський 🇺🇦. '.repeat(4);
  articleId = (await importArticle({ actor: SYSTEM, projectId, input: { title: 'Заява', body } })).id;
  otherArticleId = (await importArticle({ actor: SYSTEM, projectId: otherProjectId, input: { title: 'Elsewhere', body: `Other desk. ${body}` } })).id;
  for (const who of [olena, dilshod, outsider]) tokens.set(who, (await createToken({ actor: who.actor, input: { name: 'live' } })).token);
});

afterEach(() => {
  openStreams.splice(0).forEach((s) => s.close());
});

/**
 * Appends `count` events for the other article in one transaction of a connection of its own,
 * as another process writes them: the SQLite file, or on PostgreSQL another client (whose
 * NOTIFY is what another instance's streams hear). Answers their ids.
 */
async function insertEventsElsewhere(count: number): Promise<number[]> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const insert = getSqlite().prepare("insert into events (project_id, actor_id, action, entity_type, entity_id, created_at) values (?, null, 'article.update', 'article', ?, 0)");
    return getSqlite().transaction(() => Array.from({ length: count }, () => Number(insert.run(otherProjectId, otherArticleId).lastInsertRowid)))();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(
      `insert into events (project_id, actor_id, action, entity_type, entity_id, created_at)
       select $1, null, 'article.update', 'article', $2, to_timestamp(0) from generate_series(1, $3) returning id`,
      [otherProjectId, otherArticleId, count],
    );
    return rows.map((r) => Number(r.id));
  } finally {
    await client.end();
  }
}

describe('GET /api/live', () => {
  it("sends a colleague's change to the project's members, marked as theirs or mine", async () => {
    const [mine, colleague, stranger] = await Promise.all([open(olena), open(dilshod), open(outsider)]);
    expect([mine.status, colleague.status, stranger.status]).toEqual([200, 200, 200]);
    const a = await annotate(dilshod);
    const seen = await mine.waitFor(isChange((c) => c.entityId === a.id));
    expect(change(seen)).toMatchObject({ projectId, entityType: 'annotation', action: 'annotation.create', mine: false });
    expect(change(await colleague.waitFor(isChange((c) => c.entityId === a.id))).mine).toBe(true);
    expect(seen.id).toBe(String(change(seen).id));
    // The outsider is no member of this project: a change there of theirs arrives, this one never.
    const theirs = await annotate(outsider, otherArticleId);
    await stranger.waitFor(isChange((c) => c.entityId === theirs.id));
    expect(stranger.frames.filter(isChange((c) => c.projectId === projectId))).toEqual([]);
  });

  it('replays what a reconnect missed after Last-Event-ID, in order, and then goes on live', async () => {
    const before = await currentCursor();
    const missed = [await annotate(dilshod, articleId, 10), await annotate(dilshod, articleId, 20)];
    await reviewAnnotation({ actor: olena.actor, id: missed[0].id, input: { decision: 'accept' } });
    const again = await open(dilshod, { headers: { 'last-event-id': String(before) } });
    await again.waitFor(isChange((c) => c.entityType === 'review'));
    const replayed = again.frames.filter((f) => f.event === 'change').map(change);
    expect(replayed.map((c) => c.entityId).slice(0, 2)).toEqual(missed.map((a) => a.id));
    expect(replayed.map((c) => c.id)).toEqual([...replayed.map((c) => c.id)].sort((x, y) => x - y));
    const later = await annotate(dilshod, articleId, 30);
    await again.waitFor(isChange((c) => c.entityId === later.id));
    // ?after= does the same for a client that cannot set the header.
    const byQuery = await open(dilshod, { query: `?after=${before}` });
    await byQuery.waitFor(isChange((c) => c.entityId === missed[1].id));
  });

  it('hears writes another process made to the database file within about a second', async () => {
    const watcher = await open(outsider);
    // A row written straight into the database, as the CLI or another instance writes it (no wake here).
    const [id] = await insertEventsElsewhere(1);
    const heard = await watcher.waitFor(isChange((c) => c.id === id), 3_000);
    expect(change(heard)).toMatchObject({ projectId: otherProjectId, entityType: 'article', entityId: otherArticleId, mine: false });
  });

  it('says reset instead of replaying more than REPLAY_WINDOW events', async () => {
    const from = await currentCursor();
    await insertEventsElsewhere(REPLAY_WINDOW + 1);
    const behind = await open(olena, { headers: { 'last-event-id': String(from) } });
    const reset = await behind.waitFor((f) => f.event === 'reset');
    expect(Number(reset.id)).toBe(await currentCursor());
    expect(behind.frames.filter((f) => f.event === 'change')).toEqual([]);
  });

  it('stops telling a member removed from the project', async () => {
    const watcher = await open(dilshod);
    const first = await annotate(olena, articleId, 40);
    await watcher.waitFor(isChange((c) => c.entityId === first.id));
    await removeMember({ actor: olena.actor, projectId, userId: dilshod.user.id });
    const mark = await currentCursor();
    const second = await annotate(olena, articleId, 50);
    // Olena's own stream hears it, so the wake has run; Dilshod's has not.
    const lead = await open(olena, { headers: { 'last-event-id': String(mark) } });
    await lead.waitFor(isChange((c) => c.entityId === second.id));
    await new Promise((r) => setTimeout(r, 100));
    expect(watcher.frames.some(isChange((c) => c.entityId === second.id))).toBe(false);
    expect((await liveChangesAfter({ actor: dilshod.actor, afterId: 0 })).changes.some((c) => c.projectId === projectId)).toBe(false);
  });

  it('answers 400 for a bad Last-Event-ID or parameter, 401 without a session', async () => {
    const bad = await open(olena, { headers: { 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { message: string } }).error.message).toMatch(/^Last-Event-ID .* must be an event id/);
    const unknown = await open(olena, { query: '?project=1' });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: { message: string } }).error.message).toContain('Unknown parameter "project"');
    const request = buildRequest({ method: 'GET', url: '/api/live', params: {} });
    expect((await route.GET!(request, { params: Promise.resolve({}) })).status).toBe(401);
  });

  it(`holds at most ${MAX_STREAMS_PER_USER} streams per account, and a closed one frees its place`, async () => {
    const streams = await Promise.all(Array.from({ length: MAX_STREAMS_PER_USER }, () => open(outsider)));
    expect(streams.every((s) => s.status === 200)).toBe(true);
    const refused = await open(outsider);
    expect(refused.status).toBe(429);
    expect(JSON.stringify(refused.body)).toContain('Too many live streams');
    streams[0].close();
    await new Promise((r) => setTimeout(r, 50));
    expect((await open(outsider)).status).toBe(200);
  });
});
