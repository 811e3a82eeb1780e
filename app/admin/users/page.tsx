import { notFound } from 'next/navigation';
import { requirePageUser } from '@/lib/auth/session';
import { listUsers } from '@/lib/data/users';
import { AddUserForm, UsersTable } from '@/components/admin/Users';
import { addUserAction, resetPasswordAction, setUserDisabledAction } from './actions';

export const metadata = { title: 'Users' };

export default async function AdminUsersPage() {
  const user = await requirePageUser('/admin/users');
  if (!user.isAdmin) notFound();
  const users = await listUsers({ actor: { userId: user.id } });
  return (
    <div className="container">
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p>Accounts on this workbench. Project leads add these people to their projects.</p>
        </div>
      </div>
      <AddUserForm action={addUserAction} />
      <UsersTable users={users} currentUserId={user.id} setDisabled={setUserDisabledAction} resetPassword={resetPasswordAction} />
    </div>
  );
}
