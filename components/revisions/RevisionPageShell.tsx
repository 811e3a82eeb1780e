import Link from 'next/link';
import type { ReactNode } from 'react';
import { ProjectNav } from '@/components/projects/ProjectNav';
import type { Role } from '@/lib/domain';

interface Props {
  project: { id: number; name: string };
  role: Role;
  article: { id: number; title: string };
  title: ReactNode;
  intro: ReactNode;
  /** Beside the header: a button or key hints. */
  aside?: ReactNode;
  children: ReactNode;
}

/** The frame of an article's revision pages (diff, re-anchoring queue, clean up): project tabs, the way back, a header. */
export function RevisionPageShell({ project, role, article, title, intro, aside, children }: Props) {
  return (
    <div className="container" style={{ maxWidth: 1320 }}>
      <ProjectNav projectId={project.id} projectName={project.name} active="articles" role={role} />
      <div className="page-header">
        <div>
          <p className="small"><Link href={`/projects/${project.id}/articles/${article.id}`}>← {article.title || 'Untitled article'}</Link></p>
          <h1>{title}</h1>
          <p>{intro}</p>
        </div>
        {aside}
      </div>
      {children}
    </div>
  );
}
