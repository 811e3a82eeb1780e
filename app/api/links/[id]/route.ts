import { authedRoute, pathId } from '@/lib/http/api';
import { deleteLink } from '@/lib/data/links';
import { commitTogether } from '@/lib/db/groupCommit';
import { getLink } from '@/lib/data/linkViews';

type Params = { id: string };

export const GET = authedRoute<Params>(({ actor, params }) => ({ link: getLink({ actor, linkId: pathId(params.id, 'Link') }) }));

/** Tombstones the link (its author only). */
export const DELETE = authedRoute<Params>(async ({ actor, params }) => {
  const linkId = pathId(params.id, 'Link');
  const link = await commitTogether(() => deleteLink({ actor, linkId }));
  return { link: { id: link.id, deletedAt: link.deletedAt?.toISOString() ?? null, version: link.version } };
});
