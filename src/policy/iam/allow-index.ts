/**
 * Which of many resources an identity's Allow statements can match for one action, found
 * without evaluating a request per resource. The evaluator denies every request no identity
 * Allow statement matches (implicitly, or explicitly when a Deny does), so a rule asking "may
 * p do A on each of these N resources" need only evaluate the ones returned here; the
 * evaluator still decides each of those (conditions, Deny, the permissions boundary).
 */
import { actionMatches, resourceMayMatch, type CompiledStatement } from './evaluate.js';

/** Resource ARNs a caller asks about, with their positions for exact-ARN lookups. */
export class Resources {
  readonly at = new Map<string, number[]>();

  constructor(readonly arns: readonly string[]) {
    arns.forEach((arn, i) => {
      // `*` as a request means "a resource of the caller's choice", which no lookup can stand for.
      if (arn === '*') throw new Error('lateral: Resources holds concrete ARNs, not "*"');
      const list = this.at.get(arn);
      if (list) list.push(i);
      else this.at.set(arn, [i]);
    });
  }
}

/** The Allow statements among `statements` whose Action / NotAction covers `action`. */
export function allowsFor(statements: readonly CompiledStatement[], action: string): CompiledStatement[] {
  return statements.filter((s) => s.effect === 'Allow' && actionMatches(s, action));
}

/**
 * Positions in `resources` (ascending) that some statement of `allows` can cover: a Resource
 * of exact ARNs is looked up, any other Resource or NotResource tested against each ARN.
 */
export function coveredBy(allows: readonly CompiledStatement[], resources: Resources): number[] {
  const picked: number[] = [];
  let tested: Uint8Array | undefined;
  for (const s of allows) {
    if (s.resources && s.resources.every((m) => m.literal !== undefined)) {
      for (const m of s.resources) {
        picked.push(...(resources.at.get(m.literal!) ?? []));
      }
      continue;
    }
    tested ??= new Uint8Array(resources.arns.length);
    resources.arns.forEach((arn, i) => {
      if (!tested![i] && resourceMayMatch(s, arn)) tested![i] = 1;
    });
  }
  if (!tested) return [...new Set(picked)].sort((a, b) => a - b);
  for (const i of picked) tested[i] = 1;
  const out: number[] = [];
  tested.forEach((hit, i) => {
    if (hit) out.push(i);
  });
  return out;
}
