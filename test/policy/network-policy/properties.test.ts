/** Invariants of NetworkPolicy semantics over generated namespaces, pods and policies. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyRule } from '../../../src/model/k8s.js';
import type { Model } from '../../../src/model/model.js';
import { model, namespace, pod, verdict } from '../../helpers/k8s-model.js';

const NAMESPACES = ['a', 'b'];
const APPS = ['x', 'y', 'z'];
const PORTS = [80, 443];
const IPS = ['10.0.0.1', '192.0.2.9'];

const selector = fc.oneof(fc.constant({}), fc.constantFrom(...APPS).map((app) => ({ matchLabels: { app } })));
const peer: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: fc.constantFrom(...NAMESPACES).map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })) }),
  fc.record({ namespaceSelector: fc.constant({}), podSelector: selector }),
  fc.record({ ipBlock: fc.constantFrom<NonNullable<NetworkPolicyPeer['ipBlock']>>({ cidr: '10.0.0.0/8' }, { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }) }),
);
const rule: fc.Arbitrary<NetworkPolicyRule> = fc.record(
  { peers: fc.array(peer, { maxLength: 2 }), ports: fc.array(fc.constantFrom(...PORTS).map((port) => ({ port })), { maxLength: 2 }) },
  { requiredKeys: [] },
);
const policy = (name: string): fc.Arbitrary<NetworkPolicy> =>
  fc.record({
    namespace: fc.constantFrom(...NAMESPACES),
    name: fc.constant(name),
    podSelector: selector,
    policyTypes: fc.constantFrom(undefined, ['Ingress' as const], ['Egress' as const], ['Ingress' as const, 'Egress' as const]),
    ingress: fc.array(rule, { maxLength: 2 }),
    egress: fc.array(rule, { maxLength: 2 }),
  }).map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as NetworkPolicy);

function cluster(policies: NetworkPolicy[]): Model {
  const m = model();
  for (const ns of NAMESPACES) namespace(m, ns);
  for (const ns of NAMESPACES) for (const app of APPS) pod(m, `${ns}/${app}`, { labels: { app }, ports: PORTS });
  m.k8s.networkPolicies.push(...policies);
  return m;
}

/** Every (from, to, port) verdict of the cluster, IP endpoints included. */
function verdicts(m: Model): string[] {
  const ends = [...m.workloads.map((w) => w.id), ...IPS];
  const out: string[] = [];
  for (const from of ends) for (const to of ends) for (const port of PORTS) if (from !== to && !(IPS.includes(from) && IPS.includes(to))) out.push(`${from}>${to}:${port}=${verdict(m, from, to, port)}`);
  return out;
}

describe('NetworkPolicy properties', () => {
  it('adding a policy that selects no pod changes nothing', () => {
    fc.assert(
      fc.property(fc.array(policy('p'), { maxLength: 3 }), policy('extra'), (policies, extra) => {
        const none = { ...extra, podSelector: { matchLabels: { app: 'nobody' } } };
        expect(verdicts(cluster([...policies, none]))).toEqual(verdicts(cluster(policies)));
      }),
      { numRuns: 60 },
    );
  });

  it('another policy selecting an already isolated pod only adds allowed connections', () => {
    fc.assert(
      fc.property(fc.array(policy('p'), { minLength: 1, maxLength: 3 }), policy('extra'), (policies, extra) => {
        // Isolate every pod both ways first, so the extra policy cannot newly isolate anything.
        const base = [...policies, ...NAMESPACES.map((namespace): NetworkPolicy => ({ namespace, name: 'deny-all', podSelector: {}, policyTypes: ['Ingress', 'Egress'] }))];
        const before = verdicts(cluster(base));
        const after = verdicts(cluster([...base, extra]));
        after.forEach((v, i) => {
          if (before[i]!.endsWith('=allow')) expect(v).toBe(before[i]);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('decisions do not depend on the order policies are given in', () => {
    fc.assert(
      fc.property(fc.array(policy('p'), { maxLength: 4 }).map((ps) => ps.map((p, i) => ({ ...p, name: `p${i}` }))), (policies) => {
        expect(verdicts(cluster([...policies].reverse()))).toEqual(verdicts(cluster(policies)));
      }),
      { numRuns: 40 },
    );
  });
});
