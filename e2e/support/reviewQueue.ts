/**
 * The review page (/projects/:id/review): the queue of colleagues' unreviewed work, one item
 * at a time, worked with a (accept), r (reject with a reason) and n (next); and for leads the
 * disputed items with their settle form.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class ReviewQueue {
  readonly left: Locator;
  readonly current: Locator;
  readonly exact: Locator;
  readonly status: Locator;
  readonly outline: Locator;
  readonly disputed: Locator;
  readonly outlineItems: Locator;
  readonly labelCounts: Locator;

  constructor(readonly page: Page) {
    this.left = page.getByTestId('queue-left');
    this.current = page.getByTestId('queue-item');
    this.exact = page.getByTestId('queue-exact');
    this.status = page.getByRole('status');
    this.outline = page.locator('aside');
    this.disputed = page.locator('section[aria-labelledby="disputed-title"]');
    this.outlineItems = page.getByTestId('outline-item');
    this.labelCounts = page.getByTestId('label-counts');
  }

  /** Picks a value of a filter menu (author, outlet, article) by its visible text, e.g. "UNN (22)". */
  async filter(name: 'author' | 'outlet' | 'article', option: string | RegExp): Promise<void> {
    const select = this.page.getByTestId(`filter-${name}`);
    const value = await select.locator('option').filter({ hasText: option }).first().getAttribute('value');
    await select.selectOption(value!);
    await expect(this.page).toHaveURL(new RegExp(`[?&]${name}=`));
  }

  /** Moves on with n and waits for the item with this text. */
  async next(exact: string): Promise<void> {
    await this.page.keyboard.press('n');
    await expect(this.exact.first()).toHaveText(exact);
  }

  async open(project: { id: number }): Promise<void> {
    await this.page.goto(`/projects/${project.id}/review`);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  /** Accepts the current item with a and waits until the count drops to `leftAfter`. */
  async accept(leftAfter: number): Promise<void> {
    await this.page.keyboard.press('a');
    await expect(this.left).toHaveText(String(leftAfter));
  }

  /** Rejects the current item with r and a reason, and waits until the count drops to `leftAfter`. */
  async reject(reason: string, leftAfter: number): Promise<void> {
    await this.page.keyboard.press('r');
    await this.page.getByLabel('Why do you reject it?').fill(reason);
    await this.page.getByRole('button', { name: 'Reject with this reason' }).click();
    await expect(this.left).toHaveText(String(leftAfter));
  }

  /** Settles the only disputed item with a final decision and a reason. */
  async settle(decision: 'accept' | 'reject', reason: string): Promise<void> {
    await this.disputed.getByRole('button', { name: 'Settle dispute…' }).click();
    await this.disputed.getByLabel('Final decision').selectOption(decision);
    await this.disputed.getByLabel('Reason for the decision').fill(reason);
    await this.disputed.getByRole('button', { name: 'Settle', exact: true }).click();
  }
}
