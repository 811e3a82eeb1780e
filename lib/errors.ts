/**
 * Errors the data-access layer raises on purpose. Each carries the HTTP status and a message
 * a person understands; route handlers and server actions turn them into responses as is.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'rate_limited';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
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
