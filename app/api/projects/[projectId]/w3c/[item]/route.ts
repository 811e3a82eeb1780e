import { authedRoute, pathId } from '@/lib/http/api';
import { readW3cItem } from '@/lib/data/w3cContainer';
import { negotiateJsonLd, notAcceptable, protocolResponse } from '@/lib/http/annotationProtocol';
import { requestOrigin } from '@/lib/http/origin';

type Params = { projectId: string; item: string };

/** One member of the annotation container (annotation-ID, link-ID, review-ID) as JSON-LD. */
export const GET = authedRoute<Params>(({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const mediaType = negotiateJsonLd(request);
  if (!mediaType) return notAcceptable();
  const { document, etag } = readW3cItem({ actor, projectId, key: params.item, baseUrl: requestOrigin(request) });
  return protocolResponse(document, { mediaType, kind: 'resource', etag });
});
