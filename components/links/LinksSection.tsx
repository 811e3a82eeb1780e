'use client';
/**
 * The selected annotation's links in the reader's side panel: relation, the other outlet and
 * its exact words; a click opens the other article with that statement focused (and a way
 * back). "Link…" or the key l opens the picker. Authors delete their own links here.
 */
import { useCallback, useEffect, useState } from 'react';
import Link from 'next/link';
import type { AnnotationExtrasProps } from '@/components/annotator/types';
import type { LinkFromAnnotation } from '@/lib/data/linkViews';
import { LinkPicker } from './LinkPicker';
import { linksApi } from './linksApi';
import { focusUrl, RELATION_GLYPHS, RELATION_NAMES } from './relations';
import { sourceName } from '@/lib/text/sourceName';
import styles from './links.module.css';

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('dialog'));
}

/** Opens the picker on the key l while this section is mounted (the selected annotation). */
function useLinkKey(enabled: boolean, open: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'l' || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      e.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, open]);
}

/** The annotation the reviewer came from (?focus=THIS&from=ID in the URL), if any. */
function useOrigin(annotationId: number): number | null {
  const [origin, setOrigin] = useState<number | null>(null);
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const from = Number(params.get('from'));
    setOrigin(params.get('focus') === String(annotationId) && Number.isSafeInteger(from) && from > 0 ? from : null);
  }, [annotationId]);
  return origin;
}

export function LinksSection({ annotation, projectId, currentUserId, role, onChanged }: AnnotationExtrasProps) {
  const [links, setLinks] = useState<LinkFromAnnotation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const canLink = role === 'lead' || role === 'reviewer';
  const linkSignature = annotation.links.map((l) => l.id).join(',');

  const reload = useCallback(() => {
    linksApi.ofAnnotation(annotation.id).then(setLinks, (e: Error) => setError(e.message));
  }, [annotation.id]);
  useEffect(() => reload(), [reload, linkSignature]);
  const open = useCallback(() => setPicking(true), []);
  useLinkKey(canLink && !picking, open);

  const remove = async (link: LinkFromAnnotation) => {
    setError(null);
    try {
      await linksApi.remove(link.id);
      reload();
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const shown = links ?? [];
  const origin = useOrigin(annotation.id);
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
            <li key={link.id} className={`${styles.linkItem} ${styles[`rel_${link.relation}`]}`} data-testid="link-item">
              <Link href={focusUrl(projectId, link.other.articleId, link.other.annotationId, annotation.id)} className={styles.linkOpen}>
                <span className="row">
                  <span className={`${styles.relation} ${styles[`relation_${link.relation}`]}`}>
                    <span aria-hidden="true">{RELATION_GLYPHS[link.relation]}</span> {RELATION_NAMES[link.relation]}
                  </span>
                  <span className={styles.outlet} title={link.other.title}>{sourceName(link.other)}</span>
                  {link.disputedByOthers ? <span className="badge badge-disputed" title="Another reviewer linked this pair with the opposite relation">disagreement</span> : null}
                </span>
                <span className={styles.linkExact}>{link.other.exact}</span>
              </Link>
              {link.note ? <p className={styles.rationale}>{link.note}</p> : null}
              <div className={styles.linkMeta}>
                <span>{link.authorId === currentUserId ? 'You' : link.authorName}</span>
                {link.authorId === currentUserId ? (
                  <button type="button" className="btn-link small" onClick={() => remove(link)} aria-label={`Delete link to ${sourceName(link.other)}`}>Delete</button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {picking ? (
        <LinkPicker
          annotation={annotation}
          onClose={() => setPicking(false)}
          onLinked={() => {
            setPicking(false);
            reload();
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}
