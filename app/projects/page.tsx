import Link from 'next/link';
import { requirePageUser } from '@/lib/auth/session';
import { listAllProjects, listProjects } from '@/lib/data/projects';
import { projectArticleTotals } from '@/lib/data/articleList';
import { NewProjectForm } from '@/components/projects/NewProjectForm';
import { OtherProjects } from '@/components/projects/OtherProjects';
import styles from '@/components/projects/projects.module.css';
import { createProjectAction, joinProjectAction } from './actions';

export const metadata = { title: 'Projects' };

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

export default async function ProjectsPage() {
  const user = await requirePageUser('/projects');
  const actor = { userId: user.id };
  const projects = [];
  for (const project of await listProjects({ actor })) {
    const totals = await projectArticleTotals({ actor, projectId: project.id });
    projects.push({ ...project, articleCount: totals.articles, annotationCount: totals.annotations });
  }
  const mine = new Set(projects.map((p) => p.id));
  const others = user.isAdmin ? (await listAllProjects({ actor })).filter((p) => !mine.has(p.id)) : [];
  return (
    <div className="container">
      <div className="page-header">
        <div>
          <h1>Projects</h1>
          <p>Stories and investigations you are a member of.</p>
        </div>
      </div>
      {projects.length === 0 ? (
        <div className="card empty">
          You are not a member of any project yet. Ask a project lead or an administrator to add you.
        </div>
      ) : (
        <ul className={styles.grid} aria-label="Your projects">
          {projects.map((p) => (
            <li key={p.id} className={`card ${styles.projectCard}`}>
              <div className={styles.cardHead}>
                <h2 className={styles.cardTitle}>
                  <Link href={`/projects/${p.id}`}>{p.name}</Link>
                </h2>
                {p.role && <span className="badge badge-role">{p.role}</span>}
              </div>
              <p className={p.description ? styles.description : `${styles.description} muted`}>
                {p.description || 'No description.'}
              </p>
              <p className={`${styles.stats} muted small`}>
                <span>{plural(p.articleCount, 'article', 'articles')}</span>
                <span aria-hidden="true">·</span>
                <span>{plural(p.annotationCount, 'annotation', 'annotations')}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {user.isAdmin && (
        <section className={`card ${styles.newProject}`} aria-labelledby="new-project">
          <h2 id="new-project" className={styles.sectionTitle}>New project</h2>
          <p className="muted small">You will be its lead and can then add members and import articles.</p>
          <NewProjectForm action={createProjectAction} />
        </section>
      )}
      {others.length > 0 && <OtherProjects projects={others} join={joinProjectAction} />}
    </div>
  );
}
