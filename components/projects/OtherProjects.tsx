import { ActionForm, type FormAction } from './ActionForm';
import styles from './projects.module.css';

export interface OtherProject {
  id: number;
  name: string;
  slug: string;
  members: number;
}

/** For site admins: projects they are not in, which they may join as lead to manage them. */
export function OtherProjects({ projects, join }: { projects: OtherProject[]; join: FormAction }) {
  return (
    <section className={styles.others} aria-labelledby="other-projects">
      <h2 id="other-projects" className={styles.sectionTitle}>Other projects on this site</h2>
      <p className="muted small">You are not a member of these. As an administrator you can join one as its lead.</p>
      <div className={styles.scroll}>
        <table className="table" aria-label="Other projects">
          <thead>
            <tr>
              <th>Project</th>
              <th>Short name</th>
              <th className="num">Members</th>
              <th><span className="sr-only">Action</span></th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td className="muted"><code>{p.slug}</code></td>
                <td className="num">{p.members}</td>
                <td className={styles.actionCell}>
                  <ActionForm action={join} inline aria-label={`Join ${p.name}`}>
                    <input type="hidden" name="projectId" value={p.id} />
                    <button type="submit" className="btn btn-small">Join as lead</button>
                  </ActionForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
