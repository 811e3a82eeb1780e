'use client';

import Link from 'next/link';

/** Unexpected failures: a calm message and a way back, never a stack trace. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="container container-narrow">
      <div className="card" style={{ marginTop: '3rem', textAlign: 'center', padding: '2.5rem 1.5rem' }}>
        <h1>Something went wrong</h1>
        <p className="muted">
          The page could not be shown. Try again; if it keeps happening, tell an administrator
          {error.digest ? <> and quote the reference <code>{error.digest}</code></> : null}.
        </p>
        <div className="row" style={{ justifyContent: 'center' }}>
          <button type="button" className="btn btn-primary" onClick={reset}>Try again</button>
          <Link href="/projects" className="btn">Back to your projects</Link>
        </div>
      </div>
    </div>
  );
}
