/**
 * The contract between server actions and the forms that call them, app-wide: what an action
 * hands back (an error to show inline, a confirmation, or a secret such as a password or
 * token to show exactly once) and how it reads the submitted fields. Imports nothing, so
 * client forms and server actions share it.
 */
export interface FormState {
  error?: string;
  message?: string;
  secret?: string;
  /** Changes on every successful run, so forms can reset themselves. */
  doneAt?: number;
}

/** The trimmed text of a form field ('' when absent). */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A numeric id from a hidden field; NaN when missing, which lib/data refuses with a 400/404. */
export function idField(form: FormData, name: string): number {
  const value = field(form, name);
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}
