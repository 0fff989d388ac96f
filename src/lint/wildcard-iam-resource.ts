import type { LintFinding, LintRule } from './rule.js';
import { finding } from './lib/objects.js';
import { definedDocuments, statementName } from './lib/iam-documents.js';

export const rule: LintRule = {
  id: 'wildcard-iam-resource',
  title: 'IAM Allow of write actions on Resource "*"',
  severity: 'warning',
  description:
    'An Allow statement of an inline or customer-managed IAM policy with `Resource: "*"` and an action that writes (access level Write, Permissions management or Tagging in the AWS service authorization reference): the principal may change every resource of those services in every account that trusts it. `Action: "*"` is wildcard-iam-action\'s.',
  remediation: 'Scope the write actions to the ARNs of the resources the principal owns (a prefix, a tag condition with aws:ResourceTag).',
  check(ctx) {
    const out: LintFinding[] = [];
    for (const d of definedDocuments(ctx.model)) {
      for (const s of d.document.statements) {
        if (s.effect !== 'Allow' || !s.resource?.includes('*') || s.action?.includes('*')) continue;
        const writes = (s.action ?? []).filter((a) => ctx.writeActions.has(a.toLowerCase()));
        if (writes.length === 0) continue;
        const named = writes.length > 4 ? `${writes.slice(0, 4).join(', ')} and ${writes.length - 4} more` : writes.join(', ');
        out.push(finding(rule, d.id, `${statementName(s)} allows ${named} on Resource "*"${s.condition ? ' (under a Condition)' : ''}`, d.source));
      }
    }
    return out;
  },
};
