import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { authedRoute, pathId, readJson } from '@/lib/http/api';
import { commitTogether } from '@/lib/db/groupCommit';
import { createLink, createLinkToSentence } from '@/lib/data/links';
import { linksForAnnotation, listLinksForProject } from '@/lib/data/linkViews';

/**
 * POST {fromAnnotationId, toAnnotationId, relation, note?} links two statements;
 * POST {fromAnnotationId, relation, note?, sentence: {articleId, start, end, exact, label}}
 * annotates an unannotated sentence and links it in one step.
 */
export const POST = authedRoute(async ({ actor, request }) => {
  const input = await readJson(request, 64 * 1024);
  if (input && typeof input === 'object' && 'sentence' in input) {
    const { link, annotation } = await commitTogether(() => createLinkToSentence({ actor, input }));
    return NextResponse.json({ link, annotation }, { status: 201 });
  }
  return NextResponse.json({ link: await commitTogether(() => createLink({ actor, input })) }, { status: 201 });
});

/** GET ?annotationId=ID: that annotation's links; GET ?projectId=ID: every live link of a project. */
export const GET = authedRoute(({ actor, request }) => {
  const params = new URL(request.url).searchParams;
  const annotationId = params.get('annotationId');
  const projectId = params.get('projectId');
  if (annotationId) return { links: linksForAnnotation({ actor, annotationId: pathId(annotationId, 'Annotation') }) };
  if (projectId) return { links: listLinksForProject({ actor, projectId: pathId(projectId, 'Project') }) };
  throw new AppError('bad_request', 'Say which links: ?annotationId=ID or ?projectId=ID.');
});
