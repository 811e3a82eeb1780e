'use client';
/**
 * The article body in the reader, sent once. On a full page load the server component stashes
 * the body's HTML (bodyStash) and this component's server render emits it, while the RSC
 * payload carries only the stash key: hydration keeps that DOM as it is (React does not touch
 * what dangerouslySetInnerHTML rendered). On a client-side navigation the payload carries the
 * body itself and it renders here. Should the DOM come up empty all the same (the router
 * re-showing a page from its cache), the body is fetched once; the reader is told with
 * BODY_SHOWN so that it maps the new text.
 */
import { useEffect, useRef, useState } from 'react';
import { ArticleParagraphs, bodyContainerProps } from './ArticleBody';
import { stashedBodyHtml } from './bodyStash';

/** Dispatched (bubbling) on the body's container once a fetched body is in the DOM. */
export const BODY_SHOWN = 'articlebodyshown';

type Props = { articleId: number; length: number; sha256: string } & ({ body: string } | { stashKey: string });

/** Keeps the server's DOM: the same object every render, so React never resets innerHTML. */
const KEEP_SERVER_DOM = { __html: '' };

export function ArticleText(props: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [fetched, setFetched] = useState<string | null>(null);
  const stashKey = 'stashKey' in props ? props.stashKey : null;
  const { articleId, length, sha256 } = props;

  useEffect(() => {
    if (stashKey === null || length === 0 || (ref.current?.textContent ?? '') !== '') return;
    let live = true;
    void fetchBody(articleId, sha256).then((text) => { if (live) setFetched(text); });
    return () => { live = false; };
  }, [stashKey, articleId, length, sha256]);

  useEffect(() => {
    if (fetched !== null) ref.current?.dispatchEvent(new Event(BODY_SHOWN, { bubbles: true }));
  }, [fetched]);

  const body = 'body' in props ? props.body : fetched;
  if (body !== null) {
    return <div key="rendered" ref={ref} {...bodyContainerProps()}><ArticleParagraphs body={body} /></div>;
  }
  const serverHtml = typeof window === 'undefined' && stashKey !== null ? stashedBodyHtml(stashKey) : null;
  return <div key="server" ref={ref} {...bodyContainerProps()} suppressHydrationWarning dangerouslySetInnerHTML={serverHtml === null ? KEEP_SERVER_DOM : { __html: serverHtml }} />;
}

/** The current body; a page whose article changed since it was rendered is loaded again. */
async function fetchBody(articleId: number, sha256: string): Promise<string | null> {
  const res = await fetch(`/api/articles/${articleId}/text`, { credentials: 'same-origin' });
  if (res.ok && res.headers.get('ETag') === `"${sha256}"`) return res.text();
  window.location.reload();
  return null;
}
