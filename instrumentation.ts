/** Next.js calls register() once when the server starts: prepare the database then. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { ensureFirstRun } = await import('./lib/setup/firstRun');
    await ensureFirstRun();
  }
}
