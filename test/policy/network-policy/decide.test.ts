/**
 * NetworkPolicy decisions, case by case from the Kubernetes documentation ("Network
 * Policies" concept page and the networking.k8s.io/v1 API reference).
 */
import { describe, expect, it } from 'vitest';
import type { NetworkPolicy } from '../../../src/model/k8s.js';
import type { Model } from '../../../src/model/model.js';
import { hop, model, namespace, pod, verdict } from '../../helpers/k8s-model.js';

function np(m: Model, id: string, spec: Omit<NetworkPolicy, 'namespace' | 'name'>): void {
  const [namespace = '', name = ''] = id.split('/');
  m.k8s.networkPolicies.push({ namespace, name, ...spec });
}

function shop(): Model {
  const m = model();
  namespace(m, 'shop', { team: 'web' });
  namespace(m, 'pay', { team: 'payments', env: 'prod' });
  pod(m, 'shop/web', { labels: { app: 'web', role: 'frontend' }, ports: [{ port: 8080, name: 'http', protocol: 'TCP' }] });
  pod(m, 'shop/worker', { labels: { app: 'worker' } });
  pod(m, 'pay/api', { labels: { app: 'api' }, ports: [{ port: 8443, name: 'https', protocol: 'TCP' }, { port: 53, name: 'dns', protocol: 'UDP' }] });
  pod(m, 'pay/db', { labels: { app: 'db' }, ports: [5432] });
  return m;
}

describe('isolation', () => {
  it('allows everything when no policy selects either pod', () => {
    const m = shop();
    expect(hop(m, 'shop/web', 'pay/api', 8443).decisions).toEqual([{ layer: 'network', decision: 'allow', policy: '(default)', reason: 'no network policy applies: default allow' }]);
  });

  it('default-deny ingress isolates ingress only', () => {
    const m = shop();
    np(m, 'pay/default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('deny');
    expect(verdict(m, 'pay/api', 'shop/web', 8080)).toBe('allow');
    const d = hop(m, 'shop/web', 'pay/api', 8443).decisions;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ layer: 'network', decision: 'deny', policy: 'pay/default-deny' });
  });

  it('policyTypes defaults to Ingress when the policy has no egress rules', () => {
    const m = shop();
    np(m, 'pay/deny', { podSelector: {} });
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('deny');
    expect(verdict(m, 'pay/api', 'shop/web', 8080)).toBe('allow');
  });

  it('default-deny egress isolates egress only', () => {
    const m = shop();
    np(m, 'pay/deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    expect(verdict(m, 'pay/api', 'shop/web', 8080)).toBe('deny');
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('allow');
  });

  it('a policy with egress rules and no policyTypes isolates egress too', () => {
    const m = shop();
    np(m, 'pay/egress-db', { podSelector: { matchLabels: { app: 'api' } }, egress: [{ peers: [{ podSelector: { matchLabels: { app: 'db' } } }] }] });
    expect(verdict(m, 'pay/api', 'pay/db', 5432)).toBe('allow');
    expect(verdict(m, 'pay/api', 'shop/web', 8080)).toBe('deny');
    // ... and ingress, since Ingress is always among the defaulted policyTypes.
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('deny');
  });

  it('an empty egress list without policyTypes does not isolate egress', () => {
    const m = shop();
    np(m, 'pay/p', { podSelector: {}, egress: [] });
    expect(verdict(m, 'pay/api', 'shop/web', 8080)).toBe('allow');
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('deny');
  });

  it('policyTypes [Egress] with ingress rules ignores the ingress rules', () => {
    const m = shop();
    np(m, 'pay/p', { podSelector: {}, policyTypes: ['Egress'], ingress: [{ peers: [{ podSelector: {} }] }] });
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('allow');
  });

  it('allow-all ingress: one empty rule admits every peer on every port', () => {
    const m = shop();
    np(m, 'pay/deny', { podSelector: {}, policyTypes: ['Ingress'] });
    np(m, 'pay/allow-all', { podSelector: {}, ingress: [{}] });
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('allow');
    expect(verdict(m, '198.51.100.4', 'pay/db', 5432)).toBe('allow');
  });

  it('a policy selects pods of its own namespace only', () => {
    const m = shop();
    np(m, 'shop/deny', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'] });
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('allow');
  });

  it('the union of every policy selecting a pod applies', () => {
    const m = shop();
    np(m, 'pay/from-web', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ peers: [{ namespaceSelector: { matchLabels: { team: 'web' } }, podSelector: { matchLabels: { app: 'web' } } }] }] });
    np(m, 'pay/from-worker', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ peers: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'worker' } } }] }] });
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('allow');
    expect(verdict(m, 'shop/worker', 'pay/api', 8443)).toBe('allow');
    expect(verdict(m, 'pay/db', 'pay/api', 8443)).toBe('deny');
    expect(hop(m, 'shop/worker', 'pay/api', 8443).decisions[0]).toMatchObject({ policy: 'pay/from-worker', rule: 'ingress[0]' });
  });

  it('a connection needs the egress of the source and the ingress of the destination', () => {
    const m = shop();
    np(m, 'shop/egress-none', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] });
    np(m, 'pay/ingress-all', { podSelector: {}, ingress: [{}] });
    const h = hop(m, 'shop/web', 'pay/api', 8443);
    expect(h.verdict).toBe('deny');
    expect(h.decisions.map((d) => [d.decision, d.policy])).toEqual([
      ['deny', 'shop/egress-none'],
      ['allow', 'pay/ingress-all'],
    ]);
  });
});

describe('peers', () => {
  it('podSelector alone selects pods in the policy namespace', () => {
    const m = shop();
    pod(m, 'pay/web-lookalike', { labels: { app: 'web' } });
    np(m, 'pay/p', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ peers: [{ podSelector: { matchLabels: { app: 'web' } } }] }] });
    expect(verdict(m, 'pay/web-lookalike', 'pay/api', 8443)).toBe('allow');
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('deny');
  });

  it('namespaceSelector alone selects every pod of the matching namespaces', () => {
    const m = shop();
    np(m, 'pay/p', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ peers: [{ namespaceSelector: { matchLabels: { team: 'web' } } }] }] });
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('allow');
    expect(verdict(m, 'shop/worker', 'pay/api', 8443)).toBe('allow');
    expect(verdict(m, 'pay/db', 'pay/api', 8443)).toBe('deny');
  });

  it('namespaceSelector and podSelector in one element are ANDed; in two elements ORed', () => {
    const and = shop();
    np(and, 'pay/p', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ peers: [{ namespaceSelector: { matchLabels: { team: 'web' } }, podSelector: { matchLabels: { role: 'frontend' } } }] }] });
    expect(verdict(and, 'shop/web', 'pay/api', 8443)).toBe('allow');
    expect(verdict(and, 'shop/worker', 'pay/api', 8443)).toBe('deny');

    const or = shop();
    pod(or, 'pay/frontend', { labels: { role: 'frontend' } });
    np(or, 'pay/p', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ peers: [{ namespaceSelector: { matchLabels: { team: 'web' } } }, { podSelector: { matchLabels: { role: 'frontend' } } }] }] });
    expect(verdict(or, 'shop/worker', 'pay/api', 8443)).toBe('allow');
    expect(verdict(or, 'pay/frontend', 'pay/api', 8443)).toBe('allow');
    expect(verdict(or, 'pay/db', 'pay/api', 8443)).toBe('deny');
  });

  it('the implicit kubernetes.io/metadata.name label selects a namespace by name', () => {
    const m = shop();
    np(m, 'pay/p', { podSelector: {}, ingress: [{ peers: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }] }] });
    expect(verdict(m, 'shop/web', 'pay/db', 5432)).toBe('allow');
  });

  it.each([
    ['In', ['web', 'x'], { allow: ['shop/web'], deny: ['shop/worker'] }],
    ['NotIn', ['web'], { allow: ['shop/worker', 'shop/nolabel'], deny: ['shop/web'] }],
    ['Exists', undefined, { allow: ['shop/web', 'shop/worker'], deny: ['shop/nolabel'] }],
    ['DoesNotExist', undefined, { allow: ['shop/nolabel'], deny: ['shop/web', 'shop/worker'] }],
  ] as const)('matchExpressions %s', (operator, values, expected) => {
    const m = shop();
    pod(m, 'shop/nolabel', { labels: {} });
    np(m, 'pay/p', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ peers: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'app', operator, ...(values ? { values: [...values] } : {}) }] } }] }],
    });
    for (const from of expected.allow) expect(verdict(m, from, 'pay/db', 5432), from).toBe('allow');
    for (const from of expected.deny) expect(verdict(m, from, 'pay/db', 5432), from).toBe('deny');
  });

  it('matchLabels and matchExpressions are ANDed', () => {
    const m = shop();
    np(m, 'pay/p', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ peers: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'role', operator: 'In', values: ['backend'] }] } }] }] });
    expect(verdict(m, 'shop/web', 'pay/db', 5432)).toBe('deny');
  });

  it('ipBlock with except admits addresses outside the exceptions (IPv4)', () => {
    const m = shop();
    np(m, 'pay/p', { podSelector: {}, ingress: [{ peers: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }] }] });
    expect(verdict(m, '172.17.0.9', 'pay/db', 5432)).toBe('allow');
    expect(verdict(m, '172.17.1.9', 'pay/db', 5432)).toBe('deny');
    expect(verdict(m, '10.0.0.1', 'pay/db', 5432)).toBe('deny');
    // A pod has no address in the inputs; ipBlock never stands for pods.
    expect(verdict(m, 'shop/web', 'pay/db', 5432)).toBe('deny');
  });

  it('ipBlock with except (IPv6), and families never mix', () => {
    const m = shop();
    np(m, 'pay/p', { podSelector: {}, ingress: [{ peers: [{ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:bad::/48'] } }] }] });
    expect(verdict(m, '2001:db8:1::5', 'pay/db', 5432)).toBe('allow');
    expect(verdict(m, '2001:db8:bad::5', 'pay/db', 5432)).toBe('deny');
    expect(verdict(m, '192.0.2.1', 'pay/db', 5432)).toBe('deny');
  });

  it('an IPv4-mapped IPv6 address is its IPv4 address', () => {
    const m = shop();
    np(m, 'pay/p', { podSelector: {}, ingress: [{ peers: [{ ipBlock: { cidr: '192.0.2.0/24' } }] }] });
    expect(verdict(m, '::ffff:192.0.2.7', 'pay/db', 5432)).toBe('allow');
  });

  it('egress ipBlock decides traffic to addresses outside the cluster', () => {
    const m = shop();
    np(m, 'pay/egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{ peers: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }] });
    expect(verdict(m, 'pay/api', '203.0.113.10', 443)).toBe('allow');
    expect(verdict(m, 'pay/api', '169.254.169.254', 80)).toBe('deny');
    expect(verdict(m, 'pay/api', 'pay/db', 5432)).toBe('deny');
  });

  it('an address outside the cluster has no policy of its own', () => {
    const m = shop();
    np(m, 'pay/deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(hop(m, '203.0.113.1', 'shop/web', 8080).decisions).toEqual([{ layer: 'network', decision: 'allow', policy: '(default)', reason: 'no network policy applies: default allow' }]);
  });
});

describe('ports', () => {
  const onPorts = (ports: NetworkPolicy['ingress']) => {
    const m = shop();
    np(m, 'pay/p', { podSelector: { matchLabels: { app: 'api' } }, ingress: ports });
    return m;
  };

  it('a numeric port admits that port, TCP by default', () => {
    const m = onPorts([{ ports: [{ port: 8443 }] }]);
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('allow');
    expect(verdict(m, 'shop/web', 'pay/api', 8444)).toBe('deny');
    expect(verdict(m, 'shop/web', 'pay/api', 8443, 'UDP')).toBe('deny');
  });

  it('a port entry without a port admits every port of its protocol', () => {
    const m = onPorts([{ ports: [{ protocol: 'UDP' }] }]);
    expect(verdict(m, 'shop/web', 'pay/api', 53, 'UDP')).toBe('allow');
    expect(verdict(m, 'shop/web', 'pay/api', 8443, 'TCP')).toBe('deny');
  });

  it('SCTP is its own protocol', () => {
    const m = onPorts([{ ports: [{ protocol: 'SCTP', port: 9000 }] }]);
    expect(verdict(m, 'shop/web', 'pay/api', 9000, 'SCTP')).toBe('allow');
    expect(verdict(m, 'shop/web', 'pay/api', 9000, 'TCP')).toBe('deny');
  });

  it('endPort makes an inclusive range', () => {
    const m = onPorts([{ ports: [{ port: 32000, endPort: 32768 }] }]);
    expect(verdict(m, 'shop/web', 'pay/api', 32000)).toBe('allow');
    expect(verdict(m, 'shop/web', 'pay/api', 32768)).toBe('allow');
    expect(verdict(m, 'shop/web', 'pay/api', 32769)).toBe('deny');
    expect(verdict(m, 'shop/web', 'pay/api', 31999)).toBe('deny');
  });

  it('a named port resolves on the destination pod, with its protocol', () => {
    const m = onPorts([{ ports: [{ port: 'https' }, { port: 'dns', protocol: 'UDP' }] }]);
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('allow');
    expect(verdict(m, 'shop/web', 'pay/api', 53, 'UDP')).toBe('allow');
    expect(verdict(m, 'shop/web', 'pay/api', 53, 'TCP')).toBe('deny');
  });

  it('an egress named port resolves on the destination pod, not the source', () => {
    const m = shop();
    np(m, 'shop/egress', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'https' }] }] });
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('allow');
    // shop/web names 8080 "http", but pay/db has no port named https.
    expect(verdict(m, 'shop/web', 'pay/db', 5432)).toBe('deny');
    // An address outside the cluster has no named ports.
    expect(verdict(m, 'shop/web', '203.0.113.5', 8443)).toBe('deny');
  });

  it('peers and ports of one rule are ANDed; rules are ORed', () => {
    const m = onPorts([
      { peers: [{ namespaceSelector: { matchLabels: { team: 'web' } } }], ports: [{ port: 8443 }] },
      { peers: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 9000 }] },
    ]);
    expect(verdict(m, 'shop/web', 'pay/api', 8443)).toBe('allow');
    expect(verdict(m, 'shop/web', 'pay/api', 9000)).toBe('deny');
    expect(verdict(m, 'pay/db', 'pay/api', 9000)).toBe('allow');
    expect(hop(m, 'pay/db', 'pay/api', 9000).decisions[0]).toMatchObject({ rule: 'ingress[1]' });
  });
});
