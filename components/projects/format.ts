/** Display helpers shared by the project pages. */

/** "2025-04-25" -> "25 Apr 2025" (dates are calendar dates, shown as stored). */
export function formatIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A moment as "25 Apr 2025, 14:03 UTC" (the server renders it, so the zone is stated). */
export function formatMoment(value: Date | null | undefined): string | null {
  if (!value) return null;
  return `${value.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en');
}
