'use client';
/**
 * A lead names the outlet of many articles in one place: tick the articles (those without an
 * outlet with one click), type or pick the outlet, Set. An empty outlet clears it.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { apiRequest } from '@/lib/client/api';
import { displayOutlet } from '@/lib/articleNames';
import styles from './BulkOutlet.module.css';

export interface OutletRow {
  id: number;
  title: string;
  outlet: string | null;
  url: string | null;
}

export function BulkOutlet({ projectId, articles }: { projectId: number; articles: OutletRow[] }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [outlet, setOutlet] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const known = useMemo(() => [...new Set(articles.map((a) => a.outlet).filter((o): o is string => !!o))].sort(), [articles]);
  const missing = articles.filter((a) => !a.outlet).map((a) => a.id);

  const toggle = (id: number) => setChosen((s) => {
    const next = new Set(s);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen.size || busy) return;
    setBusy(true);
    try {
      const r = await apiRequest<{ updated: number; outlet: string | null }>(`/api/projects/${projectId}/articles/outlet`, { body: { articleIds: [...chosen], outlet } });
      const what = r.outlet ? `now “${r.outlet}”` : 'cleared';
      setResult({ ok: true, text: `Outlet ${what} for ${chosen.size} article${chosen.size === 1 ? '' : 's'}${r.updated < chosen.size ? ` (${chosen.size - r.updated} already had it)` : ''}.` });
      setChosen(new Set());
      router.refresh();
    } catch (error) {
      setResult({ ok: false, text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className={`card ${styles.box}`}>
      <summary className={styles.summary}>
        Set the outlet of several articles{missing.length ? <span className="muted small"> · {missing.length} without one</span> : null}
      </summary>
      <form onSubmit={submit} className={styles.form} aria-label="Set the outlet of several articles">
        <fieldset className={styles.list} disabled={busy}>
          <legend className="sr-only">Articles</legend>
          {articles.map((a) => (
            <label key={a.id} className={styles.item}>
              <input type="checkbox" checked={chosen.has(a.id)} onChange={() => toggle(a.id)} />
              <span className={styles.title}>{a.title || 'Untitled'}</span>
              <span className={a.outlet ? styles.outlet : `${styles.outlet} muted`}>{a.outlet ?? `no outlet (shown as “${displayOutlet(a)}”)`}</span>
            </label>
          ))}
        </fieldset>
        <div className={styles.controls}>
          <button type="button" className="btn btn-small" onClick={() => setChosen(new Set(missing))} disabled={!missing.length || busy}>Select those without an outlet</button>
          <label className={styles.outletField}>
            <span>Outlet</span>
            <input type="text" value={outlet} onChange={(e) => setOutlet(e.target.value)} maxLength={200} list="known-outlets" placeholder="e.g. Ukrinform" />
            <datalist id="known-outlets">{known.map((o) => <option key={o} value={o} />)}</datalist>
          </label>
          <button type="submit" className="btn btn-primary" disabled={!chosen.size || busy}>
            {busy ? 'Saving…' : outlet.trim() ? `Set for ${chosen.size || 'the'} selected` : `Clear for ${chosen.size || 'the'} selected`}
          </button>
        </div>
        {result ? <p className={`alert ${result.ok ? 'alert-ok' : 'alert-error'} ${styles.result}`} role={result.ok ? 'status' : 'alert'}>{result.text}</p> : null}
      </form>
    </details>
  );
}
