import type { z } from 'zod';
import type { IngestContext } from './context.js';
import type { ParsedDoc, PathSegment } from './parse.js';

/**
 * Validates `value` against `schema`; on failure records one problem per zod issue,
 * located at `base` + the issue's path, and returns undefined.
 */
export function validate<S extends z.ZodType>(
  ctx: IngestContext,
  doc: ParsedDoc,
  base: PathSegment[],
  schema: S,
  value: unknown,
): z.infer<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [...base, ...(issue.path.filter((p) => typeof p !== 'symbol') as PathSegment[])];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) ctx.problem(doc, [...path, key], `unknown field "${key}"`);
    } else {
      ctx.problem(doc, path, messageOf(issue));
    }
  }
  return undefined;
}

/** A union's own message is "Invalid input" unless the schema gives one; name what each alternative expected instead. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0 || issue.message !== 'Invalid input') return issue.message;
  const describe = (i: z.core.$ZodIssue) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message.replace(/^Invalid input: /, '')}`;
  const alternatives = [...new Set(issue.errors.flatMap((branch) => (branch[0] ? [describe(branch[0])] : [])))];
  return alternatives.length ? alternatives.join('; or ') : issue.message;
}
