/**
 * The reader (/projects/:id/articles/:id) as a person uses it: select text with the mouse,
 * tag it with a key, read the side panel, hover highlights, edit in the dialog. Specs say
 * what they do with it; the selectors and the DOM arithmetic live here.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { AnnotationView, Label } from '@/lib/domain';

/** The key that tags the selection with each label. */
const LABEL_KEYS: Record<Label, string> = { claim: '1', quote: '2', context: '3' };

export class Reader {
  readonly body: Locator;
  readonly items: Locator;
  readonly notice: Locator;
  readonly toolbar: Locator;
  readonly tooltip: Locator;
  readonly editDialog: Locator;
  readonly linksSection: Locator;
  readonly reviewSection: Locator;
  readonly verdicts: Locator;

  constructor(readonly page: Page) {
    this.body = page.getByTestId('article-body');
    this.items = page.getByTestId('annotation-item');
    this.notice = page.getByTestId('reader-notice');
    this.toolbar = page.getByTestId('selection-toolbar');
    this.tooltip = page.getByTestId('annotation-tooltip');
    this.editDialog = page.getByTestId('edit-dialog');
    this.linksSection = page.getByTestId('links-section');
    this.reviewSection = page.getByTestId('review-section');
    this.verdicts = page.getByTestId('verdicts');
  }

  /** Opens an article, optionally focused on one annotation, and waits for its text. */
  async open(article: { projectId: number; id: number }, opts: { focus?: number } = {}): Promise<void> {
    await this.page.goto(`/projects/${article.projectId}/articles/${article.id}${opts.focus ? `?focus=${opts.focus}` : ''}`);
    await expect(this.body).toBeVisible();
  }

  /** The side-panel entry of an annotation. */
  item(annotationId: number): Locator {
    return this.page.locator(`[data-annotation-id="${annotationId}"]`);
  }

  /** Side-panel entries that show `text`. */
  itemWith(text: string): Locator {
    return this.items.filter({ hasText: text });
  }

  async expectSelected(annotationId: number): Promise<void> {
    await expect(this.item(annotationId)).toHaveAttribute('class', /itemSelected/);
  }

  /** Waits until no entry says "saving…": every optimistic change has its server answer. */
  async expectSaved(): Promise<void> {
    await expect(this.items.filter({ hasText: 'saving…' })).toHaveCount(0);
  }

  /**
   * Drags the mouse from the first character of `from` to the last of `to` (its first
   * occurrence after `from`), waits for the selection toolbar and returns the selected text.
   */
  async select(from: string, to: string): Promise<string> {
    const box = await this.page.evaluate(([a, b]) => {
      const body = document.querySelector('[data-testid="article-body"]')!;
      const text = body.textContent!;
      const start = text.indexOf(a);
      const end = text.indexOf(b, start) + b.length;
      if (start < 0 || end < start + b.length) throw new Error(`not in the article: ${a} … ${b}`);
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      const rectOf = (offset: number) => {
        walker.currentNode = body;
        let left = offset;
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          if (left < n.length) {
            const r = document.createRange();
            r.setStart(n, left);
            r.setEnd(n, left + 1);
            return r.getBoundingClientRect();
          }
          left -= n.length;
        }
        throw new Error('offset outside the body');
      };
      const s = rectOf(start);
      const e = rectOf(end - 1);
      return { x1: s.left + 1, y1: s.top + s.height / 2, x2: e.right - 1, y2: e.top + e.height / 2 };
    }, [from, to]);
    await this.page.mouse.move(box.x1, box.y1);
    await this.page.mouse.down();
    await this.page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
    await this.page.mouse.move(box.x2, box.y2, { steps: 4 });
    await this.page.mouse.up();
    await expect(this.toolbar).toBeVisible();
    return this.page.evaluate(() => window.getSelection()!.toString());
  }

  /** Tags the current selection with its label's key and waits for the new entry. */
  async tag(label: Label, selected: string): Promise<void> {
    await this.page.keyboard.press(LABEL_KEYS[label]);
    await expect(this.itemWith(selected).first()).toBeVisible();
  }

  /** The centre of the characters [offset, offset + length) of the body's first paragraph. */
  async pointAt(offset: number, length = 3): Promise<{ x: number; y: number }> {
    return this.page.evaluate(([at, n]) => {
      const p = document.querySelector('[data-testid="article-body"] p')!;
      const r = document.createRange();
      r.setStart(p.firstChild!, at);
      r.setEnd(p.firstChild!, at + n);
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }, [offset, length]);
  }

  /** Texts painted by the CSS Highlight API under one highlight name (e.g. fc-line-claim). */
  async paintedTexts(name: string): Promise<string[]> {
    return this.page.evaluate((n) => {
      const h = (CSS as unknown as { highlights: Map<string, Set<StaticRange>> }).highlights.get(n);
      return h ? [...h].map((sr) => { const r = document.createRange(); r.setStart(sr.startContainer, sr.startOffset); r.setEnd(sr.endContainer, sr.endOffset); return r.toString(); }) : [];
    }, name);
  }

  /** The article's annotations as the API returns them to this page's user. */
  async stored(articleId: number): Promise<AnnotationView[]> {
    const res = await this.page.request.get(`/api/articles/${articleId}/annotations`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { annotations: AnnotationView[] }).annotations;
  }
}
