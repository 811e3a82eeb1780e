import Link from 'next/link';
import type { Role } from '@/lib/domain';
import styles from './ProjectNav.module.css';
import { ReanchorCount } from './ReanchorCount';

/** Keys of the project tabs; pass one as `active` to mark the current page. */
export type ProjectTab = 'articles' | 'board' | 'review' | 'reanchor' | 'agreement' | 'export' | 'import' | 'members';

export interface ProjectNavProps {
  projectId: number | string;
  projectName: string;
  /** Which tab is the current page (a reader page may pass 'articles'). */
  active: ProjectTab | (string & {});
  /** The viewer's role in the project (null for a site admin who is not a member). */
  role: Role | null;
  /** Spans waiting in the re-anchoring queue, when the page knows; else the tab asks the API. */
  reanchorCount?: number;
}

interface Tab {
  key: ProjectTab;
  label: string;
  path: string;
  /** Tabs only some roles can use are still shown to the rest, but only when they may use them. */
  leadOnly?: boolean;
}

const TABS: Tab[] = [
  { key: 'articles', label: 'Articles', path: '' },
  { key: 'board', label: 'Claim board', path: '/board' },
  { key: 'review', label: 'Review', path: '/review' },
  { key: 'reanchor', label: 'Re-anchoring', path: '/revisions/queue' },
  { key: 'agreement', label: 'Agreement', path: '/agreement' },
  { key: 'export', label: 'Export', path: '/export', leadOnly: true },
  { key: 'import', label: 'Import', path: '/import', leadOnly: true },
  { key: 'members', label: 'Members', path: '/members' },
];

/** The project's title and tab bar, shown at the top of every project page. */
export function ProjectNav({ projectId, projectName, active, role, reanchorCount }: ProjectNavProps) {
  const base = `/projects/${projectId}`;
  const tabs = TABS.filter((tab) => !tab.leadOnly || role === 'lead');
  return (
    <div className={styles.wrap}>
      <div className={styles.title}>
        <Link href="/projects" className={styles.crumb}>Projects</Link>
        <span aria-hidden="true" className={styles.sep}>/</span>
        <Link href={base} className={styles.name}>{projectName}</Link>
        {role && <span className="badge badge-role">{role}</span>}
      </div>
      <nav aria-label="Project" className={styles.tabs}>
        {tabs.map((tab) => (
          <Link
            key={tab.key}
            href={base + tab.path}
            className={tab.key === active ? `${styles.tab} ${styles.active}` : styles.tab}
            aria-current={tab.key === active ? 'page' : undefined}
          >
            {tab.label}
            {tab.key === 'reanchor' ? <ReanchorCount projectId={projectId} known={reanchorCount} /> : null}
          </Link>
        ))}
      </nav>
    </div>
  );
}
