/**
 * zod helpers shared by every boundary: parse or throw an AppError whose message says which
 * field is wrong and why.
 */
import { z } from 'zod';
import { AppError } from './errors';

/** Formats zod issues as "field: problem; other: problem". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : 'request';
      if (issue.code === 'unrecognized_keys') return `${where}: unknown field(s) ${issue.keys.join(', ')}`;
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/** Parses `input` with `schema`, throwing a 400 (or the given code) with a readable message. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code: 'bad_request' | 'unprocessable' = 'bad_request',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError(code, `Invalid input: ${describeIssues(result.error)}`, result.error.issues);
  }
  return result.data;
}

export { MAX_NOTE } from './domain';
export const MAX_TITLE = 500;
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
export const idParam = z.coerce.number().int().positive();
