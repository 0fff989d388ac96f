import { grantFindings } from './lib/grant-findings.js';
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'read-secret',
  title: 'Identity may read a secret',
  edgeKind: 'read-secret',
  technique: 'T1552',
  description: 'An identity may read a secret, and with it every credential the secret stores.',
  remediation: 'Scope secret read access to the one workload that uses the secret.',
  cost: 5,
  find: (model, ctx) => grantFindings(model, ctx, (type) => type === 'secret'),
};
