/**
 * Handlers of the project routes: the caller's projects, a project's articles, agreement,
 * review queue, export and imports, and reading one article.
 */
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { authedRoute, pathId, readBytesCapped, readJson } from '../http/api';
import { AppError } from '../errors';
import { requestOrigin } from '../http/origin';
import { parseInput } from '../validation';
import { createProject, listProjects } from '../data/projects';
import { getArticle } from '../data/articles';
import { listArticlesPage } from '../data/articleList';
import { pairDisagreements, projectAgreement } from '../data/agreement';
import { reviewQueue } from '../data/reviews';
import { exportProject } from '../data/exports';
import { articlesAsFile, importBatch, importOneArticle, importWebPage } from '../data/imports';
import { toReadableStream } from '../export/stream';
import { expectedLines } from '../export';
import { MAX_BATCH_BYTES, type ImportFile } from '../import/files';

type ProjectParams = { projectId: string };

export const readProjects = authedRoute(async ({ actor }) => ({ projects: await listProjects({ actor }) }));

/** POST {name, slug?, description?, leadEmail?}: a new project (site admins). */
export const postProject = authedRoute(async ({ actor, request }) => {
  const project = await createProject({ actor, input: await readJson(request, 16 * 1024) });
  return NextResponse.json({ project }, { status: 201 });
});

/** GET ?cursor=&limit=&q=&sort=&outlet=&from=&to=: one page of the project's articles, {items, nextCursor, total}. */
export const readArticles = authedRoute<ProjectParams>(async ({ actor, params, request }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { items, nextCursor, total } = await listArticlesPage({ actor, projectId: pathId(params.projectId, 'Project'), query });
  return { items, nextCursor, total };
});

/**
 * POST {title, body, outlet?, url?, author?, publishedAt?}: import one article (201). At the URL
 * of an article already in the project, another text is its next revision (201 with `revised`),
 * the same text 200 with `unchanged: true`.
 */
export const postArticle = authedRoute<ProjectParams>(async ({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const input = await readJson(request);
  const result = await importOneArticle({ actor, projectId, input });
  if (result.outcome === 'unchanged') return NextResponse.json({ article: result.article, unchanged: true }, { status: 200 });
  return NextResponse.json(result.outcome === 'revised' ? { article: result.article, revised: result.revised } : { article: result.article }, { status: 201 });
});

export const readArticle = authedRoute<{ articleId: string }>(async ({ actor, params }) => {
  const { article } = await getArticle({ actor, articleId: pathId(params.articleId, 'Article') });
  return article;
});

/** GET agreement between the project's reviewers: pooled per pair, and a page (?cursor=&limit=) of the per-article table. */
export const readAgreement = authedRoute<ProjectParams>(({ actor, params, request }) => {
  const query = new URL(request.url).searchParams;
  return projectAgreement({ actor, projectId: pathId(params.projectId, 'Project'), cursor: query.get('cursor'), limit: query.get('limit') });
});

/** GET ?a=&b=&cursor=&limit=: a page of where reviewers a and b disagree. */
export const readDisagreements = authedRoute<ProjectParams>(async ({ actor, params, request }) => {
  const query = new URL(request.url).searchParams;
  const reviewer = (name: string) => {
    const value = query.get(name) ?? '';
    if (!/^\d{1,15}$/.test(value) || Number(value) <= 0) throw new AppError('bad_request', `${name} must be the id of a reviewer (a and b: the two to compare).`);
    return Number(value);
  };
  const [a, b] = [reviewer('a'), reviewer('b')];
  return { disagreements: await pairDisagreements({ actor, projectId: pathId(params.projectId, 'Project'), a, b, cursor: query.get('cursor'), limit: query.get('limit') }) };
});

const QUEUE_PARAMS = ['cursor', 'limit', 'label', 'author', 'article', 'outlet'];

/**
 * GET ?cursor=&limit=&label=&author=&article=&outlet=: one page of what the caller still has
 * to review in the project, `{items, nextCursor, counts, groups, left}`; an unknown parameter is a 400.
 */
export const readReviewQueue = authedRoute<ProjectParams>(async ({ actor, params, request }) => {
  const search = new URL(request.url).searchParams;
  const unknown = [...search.keys()].find((key) => !QUEUE_PARAMS.includes(key));
  if (unknown) throw new AppError('bad_request', `Unknown parameter "${unknown}": the review queue takes ${QUEUE_PARAMS.join(', ')}.`);
  const query = Object.fromEntries(QUEUE_PARAMS.map((key) => [key, search.get(key)]));
  return await reviewQueue({ actor, projectId: pathId(params.projectId, 'Project'), query });
});

/** GET ?format=...: the project's dataset, streamed. */
export const readExport = authedRoute<ProjectParams>(async ({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const result = await exportProject({ actor, projectId, request: query, baseUrl: requestOrigin(request) });
  const { counts } = result.context;
  const lines = expectedLines(result.format, counts);
  return new Response(toReadableStream(result.chunks), {
    headers: {
      ...(lines === null ? {} : { 'X-Export-Lines': String(lines) }),
      'Content-Type': result.contentType,
      'Content-Disposition': `attachment; filename="${result.fileName}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Export-Articles': String(counts.articles),
      'X-Export-Annotations': String(counts.annotations),
      'X-Export-Links': String(counts.links),
    },
  });
});

const jsonBatch = z.strictObject({ articles: z.array(z.unknown()).min(1, 'give at least one article').max(1000) });
/** {"url": "..."}: import the article of a web page (lib/import/fetchPage.ts says what is fetched). */
const urlImport = z.strictObject({ url: z.string({ message: 'is required' }).trim().min(1, 'is required').max(2048, 'must be at most 2048 characters') });

const UPLOAD_LIMIT = MAX_BATCH_BYTES + 1024 * 1024;

async function filesFromForm(request: Request, type: string): Promise<ImportFile[]> {
  const bytes = await readBytesCapped(request, UPLOAD_LIMIT);
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new AppError('bad_request', 'The upload could not be read as multipart/form-data.');
  }
  const files: ImportFile[] = [];
  for (const [field, value] of form.entries()) {
    if (field !== 'files') throw new AppError('bad_request', `Unknown form field "${field}": send the files in "files".`);
    if (typeof value === 'string') throw new AppError('bad_request', 'The "files" field must hold files, not text.');
    files.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return files;
}

/** POST multipart/form-data (files), JSON {articles: [...]} (one all-or-nothing batch) or JSON {url} (a web page). */
export const postImport = authedRoute<ProjectParams>(async ({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const type = request.headers.get('content-type') ?? '';
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > UPLOAD_LIMIT) throw new AppError('payload_too_large', `The upload is larger than ${MAX_BATCH_BYTES / 1024 / 1024} MB.`);
  let files: ImportFile[];
  if (/^multipart\/form-data/i.test(type)) files = await filesFromForm(request, type);
  else {
    const json = await readJson(request, MAX_BATCH_BYTES);
    if (json && typeof json === 'object' && 'url' in json) {
      const { url } = parseInput(urlImport, json);
      return NextResponse.json(await importWebPage({ actor, projectId, url }), { status: 201 });
    }
    const body = parseInput(jsonBatch, json);
    files = [articlesAsFile('request.jsonl', body.articles)];
  }
  return NextResponse.json(await importBatch({ actor, projectId, files }), { status: 201 });
});
