'use client';
/** The web address of a page to import: the server fetches it and keeps only the article. */
export function UrlField() {
  return (
    <div className="stack">
      <label className="field">
        Web address of the article
        <input type="url" name="pageUrl" required placeholder="https://outlet.example/news/story" autoComplete="off" />
      </label>
      <p className="muted" style={{ margin: 0, fontSize: '0.85rem' }}>
        The server fetches the page (HTML only, up to 5 MB, 15 seconds), keeps the article text and what the page says about
        itself, and stores the original page for reference. Navigation, ads and &ldquo;related&rdquo; lists are left out and listed in the report.
      </p>
    </div>
  );
}
