/**
 * Actions in the input policies that the service authorization reference does not know: a
 * typo grants nothing and denies nothing, silently. Only a warning, since AWS adds actions
 * faster than the data package follows. Kept cheap on a large export: one pass collects the
 * distinct action strings, each is checked once, and only when some are unknown does a
 * second pass find the policies naming them.
 */
import type { AwsModel, IamDocument } from '../../model/aws.js';
import { checkAction } from './reference.js';

export interface UnknownActionWarning {
  kind: 'unknown-iam-action';
  action: string;
  /** "unknown IAM action s3:GetObjekt", "s3:Gett* matches no action of s3", … */
  why: string;
  /** The closest known names, best first. */
  suggestions: string[];
  /** The policies naming it, by the ids decisions use: a managed policy ARN (`@version` when not the default), `<principal>#inline:<name>`, `<role>#trust`. */
  in: string[];
}

export async function unknownActions(aws: AwsModel): Promise<UnknownActionWarning[]> {
  const distinct = new Set<string>();
  eachAction(aws, (action) => distinct.add(action));
  // IAM actions are case-insensitive: one check, and one warning, per spelling up to case.
  const byKey = new Map<string, string>();
  for (const action of distinct) if (!byKey.has(action.toLowerCase())) byKey.set(action.toLowerCase(), action);
  const checked = await Promise.all([...byKey.values()].map(async (action) => ({ action, check: await checkAction(action) })));
  const unknown = checked.flatMap(({ action, check }) => (check.known ? [] : [{ action, ...check }]));
  if (unknown.length === 0) return [];
  const places = new Map(unknown.map((u) => [u.action.toLowerCase(), new Set<string>()]));
  eachAction(aws, (action, id) => places.get(action.toLowerCase())?.add(id()));
  return unknown
    .map(({ action, why, suggestions }) => ({ kind: 'unknown-iam-action' as const, action, why, suggestions, in: [...places.get(action.toLowerCase())!].sort() }))
    .sort((a, b) => (a.action.toLowerCase() < b.action.toLowerCase() ? -1 : 1));
}

/** Every Action and NotAction entry of every document the export holds, with the id of its policy. */
function eachAction(aws: AwsModel, visit: (action: string, id: () => string) => void): void {
  const scan = (document: IamDocument, id: () => string) => {
    for (const s of document.statements) {
      for (const a of s.action ?? []) visit(a, id);
      for (const a of s.notAction ?? []) visit(a, id);
    }
  };
  for (const p of aws.policies.values()) {
    scan(p.document, () => p.arn);
    for (const v of p.otherVersions) scan(v.document, () => `${p.arn}@${v.id}`);
  }
  for (const p of aws.principals) {
    for (const ref of p.inline) scan(ref.document, () => ref.id);
    if (p.trust) scan(p.trust, () => `${p.arn}#trust`);
  }
}
