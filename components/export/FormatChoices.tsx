'use client';
/** The export's format, one radio card per format with what it is for. */
import styles from './ExportForm.module.css';

export interface FormatChoice {
  key: string;
  title: string;
  description: string;
  extension: string;
}

export function FormatChoices({ formats, format, onFormat }: { formats: FormatChoice[]; format: string; onFormat: (key: string) => void }) {
  return (
    <section className="card" aria-labelledby="export-format-title">
      <h2 id="export-format-title" className={styles.cardTitle}>Format</h2>
      <fieldset className={styles.formats}>
        <legend className="sr-only">Format</legend>
        {formats.map((f) => (
          <label key={f.key} className={`${styles.format} ${format === f.key ? styles.formatChosen : ''}`}>
            <input type="radio" name="format" value={f.key} checked={format === f.key} onChange={() => onFormat(f.key)} />
            <span>
              <span className={styles.formatTitle}>{f.title}</span>
              <span className={styles.formatText}>{f.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
