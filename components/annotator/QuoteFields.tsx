'use client';
/** A quote's speaker (suggested from the project's speakers) and whether it is verbatim or a paraphrase. */
import styles from './Reader.module.css';

interface Props {
  speaker: string;
  onSpeaker: (speaker: string) => void;
  quoteKind: string;
  onQuoteKind: (kind: string) => void;
  speakers: string[];
}

export function QuoteFields({ speaker, onSpeaker, quoteKind, onQuoteKind, speakers }: Props) {
  return (
    <div className={styles.twoCols}>
      <label className="field">
        Speaker
        <input type="text" list="speaker-suggestions" value={speaker} maxLength={200} onChange={(e) => onSpeaker(e.target.value)} placeholder="Who said it" />
        <datalist id="speaker-suggestions">
          {speakers.map((s) => <option key={s} value={s} />)}
        </datalist>
      </label>
      <label className="field">
        Kind
        <select value={quoteKind} onChange={(e) => onQuoteKind(e.target.value)}>
          <option value="">Not set</option>
          <option value="verbatim">Verbatim</option>
          <option value="paraphrase">Paraphrase</option>
        </select>
      </label>
    </div>
  );
}
