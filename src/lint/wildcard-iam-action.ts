import type { LintFinding, LintRule } from './rule.js';
import { finding } from './lib/objects.js';
import { definedDocuments, statementName } from './lib/iam-documents.js';

export const rule: LintRule = {
  id: 'wildcard-iam-action',
  title: 'IAM Allow of Action "*"',
  severity: 'error',
  description:
    'An Allow statement of an inline or customer-managed IAM policy the inputs define with `Action: "*"`: every action of every service, on its resources — administrator wherever the resource is `*`.',
  remediation: 'List the actions the principal needs (IAM Access Analyzer can generate them from CloudTrail); keep `*` for break-glass roles behind MFA and an owner.',
  check(ctx) {
    const out: LintFinding[] = [];
    for (const d of definedDocuments(ctx.model)) {
      for (const s of d.document.statements) {
        if (s.effect !== 'Allow' || !s.action?.includes('*')) continue;
        const on = s.resource ? `Resource ${s.resource.map((r) => JSON.stringify(r)).join(', ')}` : `every resource but ${s.notResource?.join(', ')}`;
        out.push(finding(rule, d.id, `${statementName(s)} allows Action "*" on ${on}${s.condition ? ' (under a Condition)' : ''}`, d.source));
      }
    }
    return out;
  },
};
