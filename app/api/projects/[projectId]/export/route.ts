import { authedRoute, pathId } from '@/lib/http/api';
import { exportProject } from '@/lib/data/exports';
import { toReadableStream } from '@/lib/export/stream';
import { expectedLines } from '@/lib/export';

type Params = { projectId: string };

/** The origin the client used, so exported IRIs are absolute and resolvable. */
function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? url.host;
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(':', '');
  return `${proto}://${host}`;
}

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
