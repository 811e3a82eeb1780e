/**
 * Errors the data-access layer raises on purpose. Each carries the HTTP status and a message
 * a person understands; route handlers and server actions turn them into responses as is.
 */
import { ERROR_STATUS, type ErrorCode } from './domain';

export type { ErrorCode };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError('bad_request', message, details);
export const forbidden = (message = 'You are not allowed to do that.') => new AppError('forbidden', message);
export const notFound = (what = 'That item') => new AppError('not_found', `${what} was not found.`);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
export const unprocessable = (message: string, details?: unknown) => new AppError('unprocessable', message, details);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
