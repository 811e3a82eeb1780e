/**
 * One undo history for the reader: Ctrl+Z and a toast's Undo button both take their step out
 * of it, so a change undone one way is not undone again the other way (which the server
 * refused with 409 "This annotation is not deleted"). Pure, so it is tested on its own.
 */
export class UndoHistory<Step> {
  private steps: Step[] = [];

  push(step: Step): void {
    this.steps.push(step);
  }

  /** The most recent step, taken out (Ctrl+Z). */
  pop(): Step | undefined {
    return this.steps.pop();
  }

  /** Takes out the most recent step that `match`es (a toast undoing its own change); undefined when none is left. */
  take(match: (step: Step) => boolean): Step | undefined {
    for (let i = this.steps.length - 1; i >= 0; i--) {
      if (match(this.steps[i])) return this.steps.splice(i, 1)[0];
    }
    return undefined;
  }

  get size(): number {
    return this.steps.length;
  }
}
