import { requirePageUser } from '@/lib/auth/session';
import { listTokens } from '@/lib/data/tokens';
import { CreateTokenForm, TokensTable } from '@/components/settings/Tokens';
import { PasswordForm } from '@/components/settings/PasswordForm';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { changePasswordAction, createTokenAction, revokeTokenAction, signOutEverywhereAction } from './actions';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requirePageUser('/settings');
  const tokens = await listTokens({ actor: { userId: user.id } });
  return (
    <div className="container">
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p>
            Signed in as <strong>{user.name}</strong> ({user.email}){user.isAdmin ? ', site administrator' : ''}.
          </p>
        </div>
      </div>
      <section className="card" aria-labelledby="password">
        <h2 id="password" style={{ marginTop: 0 }}>Password</h2>
        <p className="muted">Change the password you sign in with. Your other sessions are signed out; this one stays. API tokens keep working.</p>
        <PasswordForm action={changePasswordAction} minLength={MIN_PASSWORD_LENGTH} email={user.email} />
      </section>
      <section className="card" aria-labelledby="tokens">
        <h2 id="tokens" style={{ marginTop: 0 }}>API tokens</h2>
        <p className="muted">
          Scripts and other tools use the HTTP API with a personal token, sent as{' '}
          <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you, with your roles. It is shown once when
          created; revoke it when it is no longer needed.
        </p>
        <CreateTokenForm action={createTokenAction} />
        <TokensTable tokens={tokens} revoke={revokeTokenAction} />
      </section>
      <section className="card" aria-labelledby="sessions">
        <h2 id="sessions" style={{ marginTop: 0 }}>Sessions</h2>
        <p className="muted">Signed in on a computer you no longer use, or lost one? End every session of your account, this one included. API tokens keep working; revoke them above.</p>
        <form action={signOutEverywhereAction}><button type="submit" className="btn btn-danger">Sign out everywhere</button></form>
      </section>
    </div>
  );
}
