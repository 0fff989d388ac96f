import { grantFindings } from './lib/grant-findings.js';
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'grant',
  title: 'Identity may act on a resource',
  edgeKind: 'grant',
  technique: 'T1530',
  description: 'An identity holds permissions on a datastore, bucket, queue or other resource.',
  remediation: 'Grant only the actions each identity needs, on the resources it needs; put static grants behind short-lived credentials.',
  cost: 10,
  find: (model, ctx) => grantFindings(model, ctx, (type) => type !== 'secret'),
};
