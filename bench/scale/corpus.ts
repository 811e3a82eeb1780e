/**
 * A desk-sized corpus for bench:scale, built through lib/data (every invariant, search index
 * and derived status holds): articles of realistic news text from several outlets over weeks,
 * annotations of every label with attributes, links across articles, reviews and comments by
 * a few dozen members. Deterministic for a given seed, so runs compare.
 *
 * Growth happens in steps (`grow(500)`, then `grow(2000)`), so the same database is measured
 * at both sizes. The state of the random generator travels with the corpus, so a corpus grown
 * from a cached snapshot (bench/scale/cache.ts) is the same as one built in one go.
 *
 * Like a desk, each article is tagged by a team of 4-6 of the 26 reviewers (not all of them),
 * and others review it. One long article (about 60,000 characters, 800 annotations) is the
 * reader's heavy case.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SYSTEM, type Actor } from '../../lib/data/actor';
import { createUser } from '../../lib/data/users';
import { createProject, setMember } from '../../lib/data/projects';
import { importArticle } from '../../lib/data/articles';
import { createAnnotation } from '../../lib/data/annotations';
import { createLink } from '../../lib/data/links';
import { reviewAnnotation } from '../../lib/data/reviews';
import { addComment } from '../../lib/data/comments';
import { createToken } from '../../lib/data/tokens';
import { seedFiles } from '../../seeds/load';
import { sentenceIndexIdle } from '../../lib/data/sentenceIndex';

export const PASSWORD = 'bench password, not for production';
const OUTLETS = ['Kyiv Independent', 'UNN', 'Zamin.uz', 'Reuters', 'Ukrainska Pravda', 'BBC Monitoring', 'Meduza', 'AP'];
const SPEAKERS = ['Volodymyr Zelenskyy', 'Andriy Yermak', 'Jens Stoltenberg', 'Dmytro Kuleba', 'a Kremlin spokesman'];

/** Per article, on average (issue #12's desk: 100,000 annotations over 2,000 articles). */
export const PER_ARTICLE = { annotations: 50, links: 10, reviews: 25, comments: 2.5 };

export interface Person {
  actor: Actor;
  email: string;
  token: string;
}

export interface Corpus {
  /** The random generator's state (see prng). */
  rng: number;
  projectId: number;
  /** The long article. */
  bigArticleId: number | null;
  lead: Person;
  reviewers: Person[];
  articleIds: number[];
  /** Live annotation ids with their article and author, for links and reviews. */
  annotations: Array<{ id: number; articleId: number; authorIndex: number }>;
  counts: { articles: number; annotations: number; links: number; reviews: number; comments: number };
}

/** mulberry32 over a state kept in `state.rng`, so it can be saved and resumed. */
const state = { rng: 12 };
function random(): number {
  state.rng = (state.rng + 0x6d2b79f5) >>> 0;
  let t = state.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

const NAMES = ['Volodymyr Zelenskyy', 'Andriy Yermak', 'Dmytro Kuleba', 'Jens Stoltenberg', 'Olena Zelenska', 'Denys Shmyhal', 'Iryna Vereshchuk', 'Keir Starmer', 'Emmanuel Macron', 'Mark Rutte', 'Олександр Сирський', 'Дмитро Кулеба'];
const PLACES = ['Kyiv', 'Kharkiv', 'Odesa', 'Dnipro', 'Zaporizhzhia', 'Lviv', 'London', 'Brussels', 'Warsaw', 'Tashkent', 'Херсон'];
const TOPICS = ['occupied territories', 'the ceasefire proposal', 'NATO accession', 'grain exports', 'air defence deliveries', 'the energy grid', 'prisoner exchanges', 'sanctions on Russian oil', 'reconstruction funds'];
const VERBS = ['said', 'told reporters', 'wrote on Telegram', 'insisted', 'denied', 'confirmed', 'warned'];
const TEMPLATES: Array<() => string> = [
  () => `${pick(NAMES)} ${pick(VERBS)} in ${pick(PLACES)} on ${pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])} that talks on ${pick(TOPICS)} would not move "without Ukraine at the table".`,
  () => `According to ${pick(['the ministry', 'the general staff', 'regional officials', 'a senior diplomat', 'two people familiar with the talks'])}, ${1 + Math.floor(random() * 480)} ${pick(['drones', 'missiles', 'shells', 'people'])} were counted in ${pick(PLACES)} over ${2 + Math.floor(random() * 12)} days.`,
  () => `"We will not trade ${pick(TOPICS)} for promises," ${pick(NAMES)} said, adding that ${Math.floor(random() * 90) + 10}% of those polled agreed.`,
  () => `The figure of €${(random() * 50).toFixed(1)} billion for ${pick(TOPICS)}, cited by ${pick(NAMES)}, could not be independently verified 🔎.`,
  () => `${pick(PLACES)} residents described ${pick(['long queues', 'power cuts', 'air-raid sirens', 'a calm night'])} as ${pick(NAMES)} arrived for talks on ${pick(TOPICS)}.`,
  () => `За словами ${pick(NAMES)}, питання ${pick(['територій', 'перемир’я', 'санкцій', 'енергетики'])} обговорювали ${2 + Math.floor(random() * 9)} годин.`,
];

/** A seed sentence with its names, places and numbers changed, or a made-up desk sentence. */
function sentence(): string {
  if (random() < 0.35) return pick(TEMPLATES)();
  return pick(POOL)
    .replace(/Zelenskyy|Zelensky|Yermak|Kuleba|Stoltenberg/g, () => pick(NAMES).split(' ').pop()!)
    .replace(/\b(London|Kyiv|Washington|Brussels)\b/g, () => pick(PLACES))
    .replace(/\b\d{1,3}\b/g, () => String(1 + Math.floor(random() * 300)));
}

/** The seed articles' sentences: real news prose in several languages and scripts. */
function sentencePool(): string[] {
  const sentences = new Set<string>();
  for (const file of seedFiles()) {
    const text = fs.readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    for (const s of text.split(/(?<=[.!?»"])\s+/)) {
      const t = s.trim();
      if (t.length >= 40 && t.length <= 400 && !t.includes('\n')) sentences.add(t);
    }
  }
  return [...sentences];
}

const POOL = sentencePool();

/** `target` characters (default 4,000-6,000) of paragraphs, each article its own mix; "N" marks keep bodies unique. */
function articleBody(n: number, target = 4000 + Math.floor(random() * 2000)): string {
  const paragraphs: string[] = [];
  let length = 0;
  while (length < target) {
    const paragraph = Array.from({ length: 2 + Math.floor(random() * 3) }, sentence).join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  paragraphs.splice(1, 0, `Report ${n} of the desk's running story, filed at ${(n % 24).toString().padStart(2, '0')}:00.`);
  return paragraphs.join('\n\n');
}

async function person(i: number, projectId: number, role: 'lead' | 'reviewer' | 'viewer'): Promise<Person> {
  const email = `bench${i}@desk.test`;
  const { user } = await createUser({ actor: SYSTEM, input: { email, name: `Reviewer ${i}`, password: PASSWORD } });
  await setMember({ actor: SYSTEM, projectId, input: { userId: user.id, role } });
  const token = (await createToken({ actor: SYSTEM, input: { name: 'bench', userId: user.id } })).token;
  return { actor: { userId: user.id }, email, token };
}

/** An empty project with one lead, 26 reviewers and 3 viewers (30 members). */
export async function startCorpus(): Promise<Corpus> {
  const project = await createProject({ actor: SYSTEM, input: { name: 'Desk benchmark', slug: 'desk-bench' } });
  const lead = await person(0, project.id, 'lead');
  const reviewers: Person[] = [];
  for (let i = 1; i <= 26; i++) reviewers.push(await person(i, project.id, 'reviewer'));
  for (let i = 27; i <= 29; i++) await person(i, project.id, 'viewer');
  return { rng: state.rng, projectId: project.id, bigArticleId: null, lead, reviewers, articleIds: [], annotations: [], counts: { articles: 0, annotations: 0, links: 0, reviews: 0, comments: 0 } };
}

/** A span of whole words inside one paragraph of `body`. */
function span(body: string): { start: number; end: number } {
  for (;;) {
    const start = Math.floor(random() * (body.length - 200));
    const s = body.indexOf(' ', start) + 1;
    const e = body.indexOf(' ', s + 20 + Math.floor(random() * 120));
    if (s > 0 && e > s && !body.slice(s, e).includes('\n')) return { start: s, end: e };
  }
}

function annotationInput(body: string) {
  const { start, end } = span(body);
  const label = pick(['claim', 'claim', 'quote', 'context'] as const);
  const attributes = label === 'quote' ? { speaker: pick(SPEAKERS), quoteKind: pick(['verbatim', 'paraphrase']) } : {};
  return { label, start, end, note: random() < 0.3 ? 'Check against the original statement.' : '', attributes };
}

/** Dates spread over six weeks for the first 2,000 articles, whatever the steps of growth. */
const DESK_DAYS = 42;
const DESK_SIZE = 2000;

/** Imports one article and tags it `count` times by a team of 4-6 reviewers; returns the new annotations. */
async function addArticle(corpus: Corpus, body: string, count: number): Promise<Corpus['annotations']> {
  const n = corpus.articleIds.length;
  const published = new Date(Date.UTC(2025, 2, 1) + Math.floor(((n % DESK_SIZE) / DESK_SIZE) * DESK_DAYS * 86400_000));
  const article = await importArticle({
    actor: corpus.lead.actor,
    projectId: corpus.projectId,
    input: { title: `${pick(['Zelenskyy', 'Kyiv', 'Ukraine', 'NATO', 'Kremlin'])} on ${pick(TOPICS)}, report ${n}`, body, outlet: OUTLETS[n % OUTLETS.length], publishedAt: published.toISOString().slice(0, 10) },
  });
  corpus.articleIds.push(article.id);
  corpus.counts.articles++;
  const first = Math.floor(random() * corpus.reviewers.length);
  const team = Array.from({ length: 4 + Math.floor(random() * 3) }, (_, i) => (first + i * 5) % corpus.reviewers.length);
  // Concurrent calls share group commits, as a busy desk's requests do.
  const created = await Promise.all(
    Array.from({ length: count }, () => {
      const authorIndex = pick(team);
      return createAnnotation({ actor: corpus.reviewers[authorIndex].actor, articleId: article.id, input: annotationInput(body) }).then((a) => ({ id: a.id, articleId: article.id, authorIndex }));
    }),
  );
  corpus.annotations.push(...created);
  corpus.counts.annotations += created.length;
  return created;
}

/** Adds articles (with their annotations, links, reviews and comments) until there are `total`. */
export async function grow(corpus: Corpus, total: number): Promise<void> {
  const started = Date.now();
  state.rng = corpus.rng;
  if (corpus.bigArticleId === null && total > 0) {
    await addArticle(corpus, articleBody(0, 60_000), 800);
    corpus.bigArticleId = corpus.articleIds[0];
  }
  while (corpus.articleIds.length < total) {
    const created = await addArticle(corpus, articleBody(corpus.articleIds.length), PER_ARTICLE.annotations);
    await Promise.all([linksFor(corpus, created), reviewsFor(corpus, created), commentsFor(corpus, created)]);
    if (corpus.articleIds.length % 100 === 0) {
      console.log(`  ${corpus.articleIds.length} articles, ${corpus.counts.annotations} annotations (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  await sentenceIndexIdle();
  corpus.rng = state.rng;
}

async function linksFor(corpus: Corpus, created: Corpus['annotations']): Promise<void> {
  if (corpus.articleIds.length < 2) return;
  const writes = Array.from({ length: PER_ARTICLE.links }, () => {
    const from = pick(created);
    let to = pick(corpus.annotations);
    while (to.articleId === from.articleId) to = pick(corpus.annotations);
    return createLink({ actor: corpus.reviewers[from.authorIndex].actor, input: { fromAnnotationId: from.id, toAnnotationId: to.id, relation: random() < 0.7 ? 'corroborates' : 'conflicts' } });
  });
  corpus.counts.links += (await Promise.allSettled(writes)).filter((r) => r.status === 'fulfilled').length;
}

async function reviewsFor(corpus: Corpus, created: Corpus['annotations']): Promise<void> {
  const writes = created.slice(0, PER_ARTICLE.reviews).map((a) => {
    const reviewer = corpus.reviewers[(a.authorIndex + 1 + Math.floor(random() * (corpus.reviewers.length - 1))) % corpus.reviewers.length];
    const decision = random() < 0.8 ? 'accept' : 'reject';
    return reviewAnnotation({ actor: reviewer.actor, id: a.id, input: decision === 'accept' ? { decision } : { decision, reason: 'The span misses the qualifier.' } });
  });
  corpus.counts.reviews += (await Promise.allSettled(writes)).filter((r) => r.status === 'fulfilled').length;
}

async function commentsFor(corpus: Corpus, created: Corpus['annotations']): Promise<void> {
  const count = Math.floor(PER_ARTICLE.comments) + (random() < PER_ARTICLE.comments % 1 ? 1 : 0);
  const writes = created.slice(0, count).map((a) =>
    addComment({ actor: pick(corpus.reviewers).actor, target: { kind: 'annotation', id: a.id }, input: { body: 'Does the original interview say the same?' } }),
  );
  corpus.counts.comments += (await Promise.allSettled(writes)).filter((r) => r.status === 'fulfilled').length;
}

/** The database file of the current DATA_DIR, for its size on disk. */
export function databaseBytes(): number {
  const file = path.join(process.env.DATA_DIR!, 'workbench.sqlite');
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}
