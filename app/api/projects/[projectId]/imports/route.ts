import { NextResponse } from 'next/server';
import { z } from 'zod';
import { authedRoute, pathId, readBytesCapped, readJson } from '@/lib/http/api';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { articlesAsFile, importBatch } from '@/lib/data/imports';
import { MAX_BATCH_BYTES, type ImportFile } from '@/lib/import/files';

type Params = { projectId: string };

const jsonBody = z.strictObject({ articles: z.array(z.unknown()).min(1, 'give at least one article').max(1000) });

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

/** POST multipart/form-data (files) or JSON {articles: [...]}: one all-or-nothing batch. */
export const POST = authedRoute<Params>(async ({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const type = request.headers.get('content-type') ?? '';
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > UPLOAD_LIMIT) throw new AppError('payload_too_large', `The upload is larger than ${MAX_BATCH_BYTES / 1024 / 1024} MB.`);
  let files: ImportFile[];
  if (/^multipart\/form-data/i.test(type)) files = await filesFromForm(request, type);
  else {
    const body = parseInput(jsonBody, await readJson(request, MAX_BATCH_BYTES));
    files = [articlesAsFile('request.jsonl', body.articles)];
  }
  return NextResponse.json(importBatch({ actor, projectId, files }), { status: 201 });
});
