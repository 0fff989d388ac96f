/**
 * IAM policy documents as the export holds them: a JSON object or a URL-encoded JSON string
 * (both occur in the wild), `Statement` as one object or a list, values as a string or a
 * list. Normalized to lists; conditions kept verbatim with their values as strings.
 */
import type { ConditionBlock, IamDocument, IamStatement, PrincipalSpec } from '../../model/aws.js';

export class DocumentError extends Error {}

const list = (v: unknown): string[] | undefined => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).map(String));

export function parseDocument(raw: unknown): IamDocument {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value.trim().startsWith('{') ? value : decodeURIComponent(value));
    } catch {
      throw new DocumentError('not a JSON policy document (plain or URL-encoded)');
    }
  }
  if (typeof value !== 'object' || value === null) throw new DocumentError('a policy document must be an object');
  const statements = (value as { Statement?: unknown }).Statement;
  const all = statements === undefined ? [] : Array.isArray(statements) ? statements : [statements];
  const version = (value as { Version?: unknown }).Version;
  // Without a Version element the policy language is 2008-10-17 (no policy variables).
  return { version: typeof version === 'string' ? version : '2008-10-17', statements: all.map((s, i) => statement(s, i)) };
}

function statement(raw: unknown, index: number): IamStatement {
  if (typeof raw !== 'object' || raw === null) throw new DocumentError(`Statement[${index}] must be an object`);
  const s = raw as Record<string, unknown>;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw new DocumentError(`Statement[${index}].Effect must be Allow or Deny`);
  const out: IamStatement = { index, effect: s.Effect };
  if (typeof s.Sid === 'string' && s.Sid !== '') out.sid = s.Sid;
  for (const [key, field] of [['Action', 'action'], ['NotAction', 'notAction'], ['Resource', 'resource'], ['NotResource', 'notResource']] as const) {
    const v = list(s[key]);
    if (v) out[field] = v;
  }
  if (s.Principal !== undefined) out.principal = principal(s.Principal);
  if (s.NotPrincipal !== undefined) out.notPrincipal = principal(s.NotPrincipal);
  if (s.Condition !== undefined) out.condition = condition(s.Condition, index);
  return out;
}

function principal(v: unknown): PrincipalSpec {
  if (v === '*') return '*';
  if (typeof v !== 'object' || v === null) throw new DocumentError('Principal must be "*" or an object');
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, list(x) ?? []]));
}

function condition(v: unknown, index: number): ConditionBlock {
  if (typeof v !== 'object' || v === null) throw new DocumentError(`Statement[${index}].Condition must be an object`);
  return Object.fromEntries(
    Object.entries(v).map(([op, keys]) => {
      if (typeof keys !== 'object' || keys === null) throw new DocumentError(`Statement[${index}].Condition.${op} must be an object`);
      return [op, Object.fromEntries(Object.entries(keys).map(([k, x]) => [k, list(x) ?? []]))];
    }),
  );
}
