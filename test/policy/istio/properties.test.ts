/** Invariants of the Istio layer over generated policies. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuthorizationPolicy, AuthzOperation, AuthzRule, AuthzSource } from '../../../src/model/k8s.js';
import type { Model } from '../../../src/model/model.js';
import { model, namespace, pod, verdict } from '../../helpers/k8s-model.js';

const APPS = ['a', 'b', 'c'];
const rule: fc.Arbitrary<AuthzRule> = fc.record(
  {
    from: fc.array(fc.oneof(fc.constantFrom(...APPS).map((sa) => ({ source: { principals: [`cluster.local/ns/m/sa/${sa}`] } })), fc.constant<{ source: AuthzSource }>({ source: { namespaces: ['m'] } }), fc.constant<{ source: AuthzSource }>({ source: { notPrincipals: ['*'] } })), { maxLength: 2 }),
    to: fc.array(fc.oneof(...[{ ports: ['80'] }, { methods: ['GET'] }, { paths: ['/admin/*'] }].map((operation) => fc.constant<{ operation: AuthzOperation }>({ operation }))), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const policy = (action: 'ALLOW' | 'DENY', name: string): fc.Arbitrary<AuthorizationPolicy> =>
  fc.record({
    namespace: fc.constant('m'),
    name: fc.constant(name),
    action: fc.constant(action),
    selector: fc.option(fc.constantFrom(...APPS).map((app) => ({ matchLabels: { app } })), { nil: undefined }),
    rules: fc.array(rule, { maxLength: 2 }),
  }).map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as AuthorizationPolicy);

function mesh(policies: AuthorizationPolicy[]): Model {
  const m = model();
  namespace(m, 'm', { 'istio-injection': 'enabled' });
  for (const app of APPS) pod(m, `m/${app}`, { labels: { app }, ports: [80, 81], sa: app });
  pod(m, 'm/outsider', { labels: { app: 'outsider', 'sidecar.istio.io/inject': 'false' }, ports: [80] });
  m.k8s.authorizationPolicies.push(...policies);
  return m;
}

const REQUESTS = [{}, { method: 'GET', path: '/' }, { method: 'POST', path: '/admin/x' }];

function allowed(m: Model): Set<string> {
  const out = new Set<string>();
  for (const from of [...APPS, 'outsider']) for (const to of APPS) for (const port of [80, 81]) for (const [i, r] of REQUESTS.entries()) {
    if (verdict(m, `m/${from}`, `m/${to}`, port, 'TCP', r) === 'allow') out.add(`${from}>${to}:${port}#${i}`);
  }
  return out;
}

describe('Istio properties', () => {
  it('a DENY policy never increases what is allowed', () => {
    fc.assert(
      fc.property(fc.array(policy('ALLOW', 'p'), { maxLength: 2 }).map((ps) => ps.map((p, i) => ({ ...p, name: `allow${i}` }))), policy('DENY', 'deny'), (base, deny) => {
        const before = allowed(mesh(base));
        for (const hop of allowed(mesh([...base, deny]))) expect(before.has(hop), hop).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('an ALLOW policy on a workload that had none never increases what is allowed', () => {
    fc.assert(
      fc.property(policy('ALLOW', 'p'), (allow) => {
        const before = allowed(mesh([]));
        for (const hop of allowed(mesh([allow]))) expect(before.has(hop), hop).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
