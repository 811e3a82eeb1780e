import { NextResponse } from 'next/server';
import { authedRoute, readJson } from '@/lib/http/api';
import { createProject, listProjects } from '@/lib/data/projects';

export const GET = authedRoute(({ actor }) => ({ projects: listProjects({ actor }) }));

/** POST {name, slug?, description?, leadEmail?}: a new project (site admins). */
export const POST = authedRoute(async ({ actor, request }) => {
  const project = createProject({ actor, input: await readJson(request, 16 * 1024) });
  return NextResponse.json({ project }, { status: 201 });
});
