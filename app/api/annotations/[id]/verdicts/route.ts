import { NextResponse } from 'next/server';
import { authedRoute, pathId, readJson } from '@/lib/http/api';
import { badRequest } from '@/lib/errors';
import { finalizeVerdict, listVerdicts, proposeVerdict } from '@/lib/data/verdicts';

type Params = { id: string };

/** GET the final verdict and the proposals of a claim. */
export const GET = authedRoute<Params>(({ actor, params }) => listVerdicts({ actor, annotationId: pathId(params.id, 'Annotation') }));

/**
 * POST {verdict, rationale, evidenceLinkIds?, final?}: propose a verdict, or with final: true
 * (leads) set the claim's final verdict.
 */
export const POST = authedRoute<Params>(async ({ actor, params, request }) => {
  const annotationId = pathId(params.id, 'Annotation');
  const body = await readJson(request, 64 * 1024);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Send a JSON object.');
  const { final, ...input } = body as Record<string, unknown>;
  if (final !== undefined && typeof final !== 'boolean') throw badRequest('Invalid input: final: must be true or false');
  const verdict = final ? finalizeVerdict({ actor, annotationId, input }) : proposeVerdict({ actor, annotationId, input });
  return NextResponse.json({ verdict }, { status: 201 });
});
