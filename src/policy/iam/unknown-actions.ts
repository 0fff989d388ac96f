/**
 * Actions in the input policies that the service authorization reference does not know: a
 * typo grants nothing and denies nothing, silently. Only a warning, since AWS adds actions
 * faster than the data package follows. Each distinct action is checked once, so a large
 * export costs a pass over its statements and a read of the services it names.
 */
import type { AwsModel, IamDocument } from '../../model/aws.js';
import { checkAction } from './reference.js';

export interface UnknownActionWarning {
  kind: 'unknown-iam-action';
  action: string;
  /** Why, and the closest known names: "unknown IAM action s3:GetObjekt; did you mean …". */
  why: string;
  suggestions: string[];
  /** The policies naming it, by the ids decisions use: a managed policy ARN (`@version` when not the default), `<principal>#inline:<name>`, `<role>#trust`. */
  in: string[];
}

export async function unknownActions(aws: AwsModel): Promise<UnknownActionWarning[]> {
  // Keyed lower-case: IAM actions are case-insensitive, and one misspelling is one warning.
  const seen = new Map<string, { action: string; in: Set<string> }>();
  const scan = (id: string, document: IamDocument) => {
    for (const s of document.statements) {
      for (const action of [...(s.action ?? []), ...(s.notAction ?? [])]) {
        const key = action.toLowerCase();
        let entry = seen.get(key);
        if (!entry) seen.set(key, (entry = { action, in: new Set() }));
        entry.in.add(id);
      }
    }
  };
  for (const p of aws.policies.values()) {
    scan(p.arn, p.document);
    for (const v of p.otherVersions) scan(`${p.arn}@${v.id}`, v.document);
  }
  for (const p of aws.principals) {
    for (const ref of p.inline) scan(ref.id, ref.document);
    if (p.trust) scan(`${p.arn}#trust`, p.trust);
  }
  const entries = [...seen.values()];
  const checks = await Promise.all(entries.map((e) => checkAction(e.action)));
  return entries.flatMap((e, i) => {
    const check = checks[i]!;
    return check.known ? [] : [{ kind: 'unknown-iam-action' as const, action: e.action, why: check.why, suggestions: check.suggestions, in: [...e.in].sort() }];
  }).sort((a, b) => (a.action.toLowerCase() < b.action.toLowerCase() ? -1 : 1));
}
