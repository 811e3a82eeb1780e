import { SignOutButton } from '@/components/auth/SignOutButton';
import styles from '@/components/auth/auth.module.css';

export const metadata = { title: 'Sign out' };

export default function SignOutPage() {
  return (
    <div className={styles.wrap}>
      <div className={`card ${styles.card}`}>
        <h1>Sign out</h1>
        <p className="muted">You will need your email and password to sign in again.</p>
        <SignOutButton />
      </div>
    </div>
  );
}
