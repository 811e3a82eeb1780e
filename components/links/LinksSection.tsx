'use client';
/**
 * The selected annotation's links in the reader's side panel: relation, the other outlet and
 * its exact words; a click opens the other article with that statement focused (and a way
 * back). "Link…" or the key l opens the picker. Authors delete their own links here.
 */
import { useCallback, useState } from 'react';
import Link from 'next/link';
import type { AnnotationExtrasProps } from '@/components/annotator/types';
import { useShortcutKeys } from '@/components/useShortcutKeys';
import { sourceName } from '@/lib/text/sourceName';
import { LinkItem } from './LinkItem';
import { LinkPicker } from './LinkPicker';
import { LinkedToast, type MadeLink } from './LinkedToast';
import { focusUrl } from './relations';
import { useAnnotationLinks } from './useAnnotationLinks';
import { useLinkOrigin } from './useLinkOrigin';
import styles from './links.module.css';

export function LinksSection({ annotation, projectId, currentUserId, role, onChanged }: AnnotationExtrasProps) {
  const { links, error, reload, remove } = useAnnotationLinks(annotation, onChanged);
  const [picking, setPicking] = useState(false);
  const [made, setMade] = useState<MadeLink | null>(null);
  const dismiss = useCallback(() => setMade(null), []);
  const canLink = role === 'lead' || role === 'reviewer';
  const open = useCallback(() => setPicking(true), []);
  useShortcutKeys((e) => {
    if (e.key !== 'l' || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    open();
  }, canLink && !picking);

  const shown = links ?? [];
  const origin = useLinkOrigin(annotation.id);
  const back = origin ? shown.find((l) => l.other.annotationId === origin) : undefined;
  return (
    <section className={styles.section} aria-label="Links to other articles" data-testid="links-section">
      {back ? (
        <Link className={styles.back} href={focusUrl(projectId, back.other.articleId, back.other.annotationId)} data-testid="links-back">
          ← Back to {sourceName(back.other)}
        </Link>
      ) : null}
      <div className={styles.sectionHead}>
        <h3>Links <span className="muted small">{links ? shown.length : annotation.links.length}</span></h3>
        <div className="row">
          {shown.length > 0 ? (
            <Link className="btn btn-small" href={`/projects/${projectId}/compare/${annotation.id}`} data-testid="compare-link">Compare wordings</Link>
          ) : null}
          {canLink ? (
            <button type="button" className="btn btn-small btn-primary" onClick={open} data-testid="open-link-picker">
              Link… <kbd className={styles.kbdOnPrimary}>l</kbd>
            </button>
          ) : null}
        </div>
      </div>
      {error ? <p className="alert alert-error small" role="alert">{error}</p> : null}
      {links && shown.length === 0 ? (
        <p className={styles.sectionEmpty}>Not linked yet.{canLink ? <> Press <kbd>l</kbd> to find the same statement in other outlets.</> : null}</p>
      ) : (
        <ul className={styles.linkList}>
          {shown.map((link) => (
            <LinkItem key={link.id} link={link} projectId={projectId} fromAnnotationId={annotation.id} currentUserId={currentUserId} onDelete={(l) => void remove(l)} />
          ))}
        </ul>
      )}
      {picking ? (
        <LinkPicker
          annotation={annotation}
          onClose={() => setPicking(false)}
          onLinked={(link) => {
            setPicking(false);
            setMade({ linkId: link.linkId, relation: link.relation, targetName: sourceName(link.other), href: focusUrl(projectId, link.other.articleId, link.other.annotationId, annotation.id) });
            reload();
            onChanged();
          }}
        />
      ) : null}
      {made ? <LinkedToast key={made.linkId} link={made} onClose={dismiss} /> : null}
    </section>
  );
}
