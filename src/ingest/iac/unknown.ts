/**
 * Documents IaC leaves to apply time, as IAM documents whose statements hold only under a
 * condition no request can decide, so every decision they touch is `conditional` and its
 * reason names the value: an unknown permission document may allow anything (lateral does
 * not assume it denies anything), an unknown trust may trust anyone, and an object that
 * exists only under an undecided CloudFormation condition grants and is trusted only
 * conditionally.
 */
import type { ConditionBlock, IamDocument } from '../../model/aws.js';

/** The condition key no request context holds (policy/iam/conditions.ts labels it by its value). */
export const UNKNOWN_KEY = 'lateral:UnknownUntilApply';

const unknownIf = (why: string): ConditionBlock => ({ StringEquals: { [UNKNOWN_KEY]: [why] } });

export function unknownPermissions(why: string): IamDocument {
  return { version: '2012-10-17', statements: [{ index: 0, sid: 'UnknownUntilApply', effect: 'Allow', action: ['*'], resource: ['*'], condition: unknownIf(why) }] };
}

export function unknownTrust(why: string): IamDocument {
  return { version: '2012-10-17', statements: [{ index: 0, sid: 'UnknownUntilApply', effect: 'Allow', action: ['sts:*'], principal: '*', condition: unknownIf(why) }] };
}

/** The document with each Allow statement holding only if `why` (a Deny of an object that may not exist still only takes away). */
export function onlyIf(doc: IamDocument, why: string): IamDocument {
  return {
    ...doc,
    statements: doc.statements.map((s) => (s.effect !== 'Allow' ? s : { ...s, condition: { ...s.condition, StringEquals: { ...s.condition?.StringEquals, [UNKNOWN_KEY]: [why] } } })),
  };
}
