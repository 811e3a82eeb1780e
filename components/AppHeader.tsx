import Link from 'next/link';
import { currentUser } from '@/lib/auth/session';
import styles from './AppHeader.module.css';
import { InboxNavLink } from './review/InboxNavLink';

/** The top bar: product name, main navigation and the signed-in user. */
export async function AppHeader() {
  const user = await currentUser();
  return (
    <header className={styles.header}>
      <a href="#main" className="sr-only">Skip to content</a>
      <Link href="/projects" className={styles.brand} aria-label="Fact-check workbench">
        <span className={styles.logo} aria-hidden="true">✓</span> <span className={styles.brandText}>Fact-check workbench</span>
      </Link>
      {user && (
        <nav className={styles.nav} aria-label="Main">
          <Link href="/projects">Projects</Link>
          <InboxNavLink userId={user.id} />
          {user.isAdmin && <Link href="/admin/users">Users</Link>}
          <Link href="/settings">Settings</Link>
        </nav>
      )}
      <div className={styles.user}>
        {user ? (
          <>
            <span title={user.email} className={styles.userName}>{user.name}</span>
            <Link href="/signout" className="btn btn-small">Sign out</Link>
          </>
        ) : (
          <Link href="/signin" className="btn btn-small">Sign in</Link>
        )}
      </div>
    </header>
  );
}
