/** Signing in as a person does (next-auth's credentials flow) and timing one GET. */
export interface Timed {
  ms: number;
  bytes: number;
  status: number;
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';', 1)[0]);
}

/** The session cookie of a real sign-in (CSRF token first, then the credentials callback). */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const answer = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; '), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = cookiesOf(answer).find((c) => c.includes('session-token='));
  if (!session) throw new Error(`Signing in as ${email} failed (${answer.status}).`);
  return [...jar, session].join('; ');
}

/** One GET with a time limit; a request that runs out of time counts as `timeoutMs`, status 0. */
export async function timedGet(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Timed> {
  const started = performance.now();
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    const bytes = (await response.arrayBuffer()).byteLength;
    return { ms: performance.now() - started, bytes, status: response.status };
  } catch {
    return { ms: timeoutMs, bytes: 0, status: 0 };
  }
}
