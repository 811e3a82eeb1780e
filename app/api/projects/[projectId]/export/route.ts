import { authedRoute, pathId } from '@/lib/http/api';
import { exportProject } from '@/lib/data/exports';
import { toReadableStream } from '@/lib/export/stream';
import { expectedLines } from '@/lib/export';
import { requestOrigin } from '@/lib/http/origin';

type Params = { projectId: string };

export const GET = authedRoute<Params>(({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const result = exportProject({ actor, projectId, request: query, baseUrl: requestOrigin(request) });
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
