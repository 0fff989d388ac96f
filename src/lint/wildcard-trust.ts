import { ciWarnings } from '../policy/ci/findings.js';
import { evaluateTrust } from '../policy/iam/trust.js';
import type { LintFinding, LintRule } from './rule.js';
import { finding } from './lib/objects.js';

/** An account no input holds: a caller from it is a stranger to every role. */
const STRANGER_ACCOUNT = '000000000000';

export const rule: LintRule = {
  id: 'wildcard-trust',
  title: 'Role trust open to anyone',
  severity: 'error',
  description:
    "An IAM role whose trust policy names `Principal: \"*\"` (or `{\"AWS\": \"*\"}`) and lets a principal of an account no input holds assume it, decided by lateral's trust evaluator (a Condition it cannot decide, such as aws:PrincipalOrgID, is said); or an OIDC trust whose `sub` admits any repository, any branch or pull requests (the CI finding ci-broad-trust, for the repositories the inputs hold).",
  remediation: 'Name the accounts or roles that may assume the role; for OIDC pin `sub` to one repository and a protected branch or environment (`repo:org/repo:environment:prod`).',
  check(ctx) {
    const out: LintFinding[] = [];
    for (const role of ctx.model.aws.principals) {
      if (role.kind !== 'role' || !role.trust) continue;
      const wildcard = role.trust.statements.some((s) => s.effect === 'Allow' && (s.principal === '*' || (s.principal && s.principal.AWS?.includes('*'))));
      if (!wildcard) continue;
      const account = role.account === STRANGER_ACCOUNT ? '999999999999' : STRANGER_ACCOUNT;
      const t = evaluateTrust(role.arn, role.trust, { kind: 'aws', arn: `arn:aws:iam::${account}:user/stranger`, account }, 'sts:AssumeRole');
      if (t.decision === 'deny') continue;
      const how = t.decision === 'allow' ? 'any AWS principal of any account may assume it' : `any AWS principal of any account may assume it when its Condition holds (${t.unknownKeys.join(', ') || t.reason})`;
      out.push(finding(rule, role.arn, `trust policy names Principal "*": ${how}`, role.source));
    }
    for (const w of ciWarnings(ctx.model)) {
      if (w.kind !== 'ci-broad-trust') continue;
      const object = w.why.split(' ')[0]!;
      out.push({ rule: rule.id, severity: rule.severity, object, message: w.why.slice(object.length + 1), ...(w.file ? { file: w.file } : {}), ...(w.line !== undefined ? { line: w.line } : {}) });
    }
    return out;
  },
};
