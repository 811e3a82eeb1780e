'use client';

import { useEffect, useState } from 'react';
import Link from 'next/link';
import { strFromU8, unzipSync } from 'fflate';
import type { Unpublishable } from '@/lib/export/claimreview';
import styles from './ExportForm.module.css';

interface Manifest {
  counts: { claims: number; published: number; unpublishable: number };
  unpublishable: Unpublishable[];
}

/** Reads manifest.json out of a ClaimReview zip (small: it holds no article text). */
async function readManifest(blob: Blob): Promise<Manifest | null> {
  const files = unzipSync(new Uint8Array(await blob.arrayBuffer()), { filter: (file) => file.name.endsWith('/manifest.json') });
  const [bytes] = Object.values(files);
  return bytes ? (JSON.parse(strFromU8(bytes)) as Manifest) : null;
}

/** After a ClaimReview export: how many claims were published, and what each other claim is missing. */
export function ClaimReviewReport({ projectId, blob }: { projectId: number; blob: Blob }) {
  const [manifest, setManifest] = useState<Manifest | null>(null);
  useEffect(() => {
    let live = true;
    readManifest(blob).then((m) => live && setManifest(m), () => live && setManifest(null));
    return () => {
      live = false;
    };
  }, [blob]);
  if (!manifest) return null;
  const { counts, unpublishable } = manifest;
  return (
    <section className={`card ${styles.report}`} aria-label="ClaimReview report">
      <h2 className={styles.cardTitle}>
        {counts.published} of {counts.claims} {counts.claims === 1 ? 'claim' : 'claims'} published as ClaimReview
      </h2>
      {unpublishable.length > 0 && (
        <>
          <p>These claims cannot be published yet:</p>
          <ul>
            {unpublishable.map((u) => (
              <li key={u.claimId}>
                <Link href={`/projects/${projectId}/articles/${u.articleId}#annotation-${u.claimId}`}>“{u.claim}”</Link>: {u.missing.join('; ')}.
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
