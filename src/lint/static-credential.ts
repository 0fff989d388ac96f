import { ciWarnings } from '../policy/ci/findings.js';
import type { LintFinding, LintRule } from './rule.js';
import { finding } from './lib/objects.js';

export const rule: LintRule = {
  id: 'static-credential',
  title: 'Static long-lived credential',
  severity: 'warning',
  description:
    'An identity whose credential is static (a native `credential: { type: static }`, an IAM user, whose access keys live until rotated), or a CI workflow reading static cloud keys from its secrets (the CI finding ci-static-keys): a stolen copy works for as long as the key does, far longer than any token.',
  remediation: 'Replace the key by short-lived credentials: workload identity or IRSA for workloads, OIDC federation for CI, IAM Identity Center for people; meanwhile rotate it and give it an owner.',
  check(ctx) {
    const out: LintFinding[] = [];
    for (const i of ctx.model.identities) {
      if (i.credential?.type !== 'static') continue;
      const age = i.credential.ageDays !== undefined ? ` ${Math.round(i.credential.ageDays)} days old` : '';
      out.push(finding(rule, i.id, `${i.kind} holds a static credential${age}`, i.source));
    }
    for (const w of ciWarnings(ctx.model)) {
      if (w.kind !== 'ci-static-keys') continue;
      const object = w.why.startsWith('every job of ') ? w.why.slice('every job of '.length).split(' ')[0]! : w.why.split(' ')[0]!;
      out.push({ rule: rule.id, severity: rule.severity, object, message: w.why, ...(w.file ? { file: w.file } : {}), ...(w.line !== undefined ? { line: w.line } : {}) });
    }
    return out;
  },
};
