import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import { safeCallbackUrl } from '@/lib/auth/safeCallback';
import { SignInForm } from '@/components/auth/SignInForm';
import styles from '@/components/auth/auth.module.css';

export const metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const rateLimited = params.error === 'RateLimited';
  return (
    <div className={styles.wrap}>
      <div className={`card ${styles.card}`}>
        <h1>Sign in</h1>
        <p className="muted">Fact-check workbench: tag, link and review statements across outlets.</p>
        <SignInForm callbackUrl={callbackUrl} initialError={rateLimited ? 'Too many failed sign-ins. Wait 15 minutes and try again.' : null} />
      </div>
    </div>
  );
}
