import { authedRoute, pathId } from '@/lib/http/api';
import { readW3cContainer, readW3cPage } from '@/lib/data/w3cContainer';
import { negotiateJsonLd, notAcceptable, preferredView, protocolResponse } from '@/lib/http/annotationProtocol';
import { requestOrigin } from '@/lib/http/origin';

type Params = { projectId: string };

/** The project's read-only annotation container; with ?cursor=… one of its AnnotationPages. */
export const GET = authedRoute<Params>(({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const mediaType = negotiateJsonLd(request);
  if (!mediaType) return notAcceptable();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { view, applied } = preferredView(request);
  const baseUrl = requestOrigin(request);
  if (Object.keys(query).length === 0) {
    const document = readW3cContainer({ actor, projectId, baseUrl, view });
    return protocolResponse(document, { mediaType, kind: 'container', preferenceApplied: applied });
  }
  const document = readW3cPage({ actor, projectId, baseUrl, query, view });
  return protocolResponse(document, { mediaType, kind: 'page', preferenceApplied: applied && view === 'iris' });
});
