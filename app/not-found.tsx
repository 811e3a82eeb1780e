import Link from 'next/link';

export const metadata = { title: 'Not found' };

/** One page for "does not exist" and "not yours to see": the two are deliberately alike. */
export default function NotFound() {
  return (
    <div className="container container-narrow">
      <div className="card" style={{ marginTop: '3rem', textAlign: 'center', padding: '2.5rem 1.5rem' }}>
        <p className="muted small" style={{ margin: 0, letterSpacing: '0.08em' }}>404</p>
        <h1>This page was not found</h1>
        <p className="muted">
          It may have been moved, or it belongs to a project you are not a member of. Ask a project lead if you
          need access.
        </p>
        <Link href="/projects" className="btn btn-primary">Back to your projects</Link>
      </div>
    </div>
  );
}
