'use client';
/** One link in the side panel: relation, the other outlet and its words (a click opens it), rationale, author. */
import Link from 'next/link';
import type { LinkFromAnnotation } from '@/lib/data/linkViews';
import { sourceName } from '@/lib/text/sourceName';
import { focusUrl, RELATION_GLYPHS, RELATION_NAMES } from './relations';
import styles from './links.module.css';

interface Props {
  link: LinkFromAnnotation;
  projectId: number;
  fromAnnotationId: number;
  currentUserId: number;
  onDelete: (link: LinkFromAnnotation) => void;
}

export function LinkItem({ link, projectId, fromAnnotationId, currentUserId, onDelete }: Props) {
  const mine = link.authorId === currentUserId;
  return (
    <li className={`${styles.linkItem} ${styles[`rel_${link.relation}`]}`} data-testid="link-item">
      <Link href={focusUrl(projectId, link.other.articleId, link.other.annotationId, fromAnnotationId)} className={styles.linkOpen}>
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
        <span>{mine ? 'You' : link.authorName}</span>
        {mine ? (
          <button type="button" className="btn-link small" onClick={() => onDelete(link)} aria-label={`Delete link to ${sourceName(link.other)}`}>Delete</button>
        ) : null}
      </div>
    </li>
  );
}
