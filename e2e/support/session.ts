/**
 * Signed-in sessions without the sign-in page: next-auth's own credentials endpoint is called
 * the way its client calls it (CSRF token, then the form), so the session cookie is one the
 * server issued. The sign-in page itself is tested in signin.spec.ts.
 */
import { request, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { PASSWORD, type TestUser } from './data';

export type StorageState = Awaited<ReturnType<APIRequestContext['storageState']>>;

/** The storage state (cookies) of a fresh session of `user` on the server at `baseURL`. */
export async function signedInState(baseURL: string, user: TestUser, password = PASSWORD): Promise<StorageState> {
  const api = await request.newContext({ baseURL });
  try {
    const csrf = await api.get('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const answer = await api.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: user.email, password, callbackUrl: `${baseURL}/projects`, json: 'true' },
      headers: { origin: baseURL },
      maxRedirects: 0,
    });
    const state = await api.storageState();
    if (!state.cookies.some((c) => c.name.endsWith('next-auth.session-token'))) {
      throw new Error(`Signing in ${user.email} gave no session cookie (HTTP ${answer.status()}: ${(await answer.text()).slice(0, 200)})`);
    }
    return state;
  } finally {
    await api.dispose();
  }
}

/** Signs in through the sign-in page, as a person would. */
export async function signInThroughUi(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** A signed-in page for `user`, built on the browser contexts that one test opens. */
export interface SessionPages {
  (user: TestUser): Promise<Page>;
}

/**
 * Opens signed-in pages for one test: each user signs in once (their storage state is kept
 * for the test's further pages), each page gets its own context, and `closeAll` closes them.
 */
export function sessionPages(newContext: (state: StorageState) => Promise<BrowserContext>, baseURL: string) {
  const states = new Map<number, Promise<StorageState>>();
  const contexts: BrowserContext[] = [];
  const open: SessionPages = async (user) => {
    if (!states.has(user.id)) states.set(user.id, signedInState(baseURL, user));
    const context = await newContext(await states.get(user.id)!);
    contexts.push(context);
    return context.newPage();
  };
  const closeAll = async () => {
    await Promise.all(contexts.map((c) => c.close()));
  };
  return { open, closeAll };
}
