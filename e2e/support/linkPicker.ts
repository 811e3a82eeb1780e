/**
 * The link picker of the reader (opened with l on a selected annotation): suggestions from
 * the project's other articles, a search box, the relation (c / x), the label for a sentence
 * nobody tagged yet, a rationale, and Link.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Label, Relation } from '@/lib/domain';

const RELATION_KEYS: Record<Relation, string> = { corroborates: 'c', conflicts: 'x' };

export class LinkPicker {
  readonly dialog: Locator;
  readonly search: Locator;
  readonly suggestions: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('link-picker');
    this.search = page.getByTestId('link-search');
    this.suggestions = this.dialog.getByTestId('suggestion');
  }

  /** Presses l (the reader's selected annotation is the link's source) and waits for suggestions. */
  async open(): Promise<void> {
    // The selected annotation's links section (client-rendered) carries the l key: before it
    // is there, right after the page loads, the key would go nowhere.
    await expect(this.page.getByTestId('links-section')).toBeVisible();
    await this.page.keyboard.press('l');
    await expect(this.dialog).toBeVisible();
    await expect(this.suggestions.first()).toBeVisible();
  }

  /** Types into the search box and waits until the first suggestion matches `expected`. */
  async searchFor(text: string, expected: RegExp | string = new RegExp(text, 'i')): Promise<void> {
    await this.search.fill(text);
    await expect(this.suggestions.first()).toContainText(expected);
  }

  /** The suggestion showing `text`. */
  suggestion(text: string): Locator {
    return this.suggestions.filter({ hasText: text });
  }

  /** The statement a suggestion offers (its last line). */
  async statementOf(index: number): Promise<string> {
    return (await this.suggestions.nth(index).innerText()).split('\n').pop()!.trim();
  }

  /** Chooses the relation with its key and waits until the picker shows it chosen. */
  async relation(relation: Relation): Promise<void> {
    await this.page.keyboard.press(RELATION_KEYS[relation]);
    await expect(this.dialog.getByTestId(`relation-${relation}`)).toHaveAttribute('aria-checked', 'true');
  }

  /** Sets the label the picked sentence gets when nobody has tagged it yet. */
  async labelSentence(label: Label): Promise<void> {
    await this.dialog.getByTestId('sentence-label').selectOption(label);
  }

  async rationale(text: string): Promise<void> {
    await this.dialog.getByTestId('link-rationale').fill(text);
  }

  /** Clicks Link and waits for the picker to close. */
  async link(): Promise<void> {
    await this.dialog.getByTestId('create-link').click();
    await expect(this.dialog).toBeHidden();
  }
}
