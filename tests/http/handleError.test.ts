/** How a route handler's unexpected errors become answers (lib/http/api.ts handleError). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleError } from '@/lib/http/api';

afterEach(() => vi.restoreAllMocks());

describe('handleError', () => {
  it('answers a client that hung up mid-upload with 400 and logs nothing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    const response = handleError(aborted);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/cut off/);
    expect(logged).not.toHaveBeenCalled();
  });

  it('still answers a real server error with 500 and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = handleError(new Error('disk on fire'));
    expect(response.status).toBe(500);
    expect(logged).toHaveBeenCalledOnce();
  });
});
