import Link from 'next/link';
import { requirePageUser } from '@/lib/auth/session';
import { listProjects } from '@/lib/data/projects';

export const metadata = { title: 'Projects' };

export default async function ProjectsPage() {
  const user = await requirePageUser('/projects');
  const projects = listProjects({ actor: { userId: user.id } });
  return (
    <div className="container">
      <div className="page-header">
        <div>
          <h1>Projects</h1>
          <p>Stories and investigations you are a member of.</p>
        </div>
      </div>
      {projects.length === 0 ? (
        <div className="card empty">You are not a member of any project yet. Ask a project lead or an administrator to add you.</div>
      ) : (
        <ul>
          {projects.map((p) => (
            <li key={p.id}>
              <Link href={`/projects/${p.id}`}>{p.name}</Link> <span className="badge badge-role">{p.role}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
