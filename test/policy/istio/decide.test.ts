/**
 * Istio decisions, from the Istio documentation: the AuthorizationPolicy and
 * PeerAuthentication references, "Authorization for HTTP/TCP traffic", "Explicit deny",
 * "Mutual TLS migration", sidecar injection and protocol selection. Fixtures restate the
 * docs' Bookinfo / httpbin / sleep / tcp-echo setups.
 */
import { describe, expect, it } from 'vitest';
import type { AuthorizationPolicy, PeerAuthentication, Service } from '../../../src/model/k8s.js';
import type { Model } from '../../../src/model/model.js';
import { hop, model, namespace, pod, verdict } from '../../helpers/k8s-model.js';

function ap(m: Model, ref: string, spec: Omit<AuthorizationPolicy, 'namespace' | 'name'> = {}): void {
  const [ns = '', name = ''] = ref.split('/');
  m.k8s.authorizationPolicies.push({ namespace: ns, name, ...spec });
}

function pa(m: Model, ref: string, spec: Omit<PeerAuthentication, 'namespace' | 'name'>): void {
  const [ns = '', name = ''] = ref.split('/');
  m.k8s.peerAuthentications.push({ namespace: ns, name, ...spec });
}

function svc(m: Model, ref: string, selector: Record<string, string>, ports: Service['ports']): void {
  const [ns = '', name = ''] = ref.split('/');
  m.k8s.services.push({ namespace: ns, name, selector, ports });
}

/** Bookinfo in `default` with sidecars, plus a sidecar-less client in `legacy`. */
function bookinfo(): Model {
  const m = model();
  namespace(m, 'default', { 'istio-injection': 'enabled' });
  namespace(m, 'legacy');
  namespace(m, 'istio-system');
  for (const app of ['productpage', 'details', 'reviews', 'ratings']) {
    pod(m, `default/${app}`, { labels: { app }, ports: [9080], sa: `bookinfo-${app}` });
    svc(m, `default/${app}`, { app }, [{ name: 'http', port: 9080, protocol: 'TCP' }]);
  }
  pod(m, 'istio-system/ingressgateway', { labels: { istio: 'ingressgateway', 'sidecar.istio.io/inject': 'true' }, sa: 'istio-ingressgateway-service-account' });
  pod(m, 'legacy/sleep', { labels: { app: 'sleep' }, sa: 'sleep' });
  return m;
}

const GET = { method: 'GET', path: '/' };

describe('authorization for HTTP traffic (Bookinfo)', () => {
  it('allow-nothing denies every request to the namespace', () => {
    const m = bookinfo();
    ap(m, 'default/allow-nothing', {});
    expect(verdict(m, 'istio-system/ingressgateway', 'default/productpage', 9080, 'TCP', GET)).toBe('deny');
    expect(verdict(m, 'default/productpage', 'default/details', 9080, 'TCP', GET)).toBe('deny');
    expect(hop(m, 'default/reviews', 'default/ratings', 9080, 'TCP', GET).decisions.at(-1)).toMatchObject({ layer: 'mesh', decision: 'deny', policy: 'default/allow-nothing' });
  });

  it('viewer policies open exactly the documented edges', () => {
    const m = bookinfo();
    ap(m, 'default/allow-nothing', {});
    ap(m, 'default/productpage-viewer', { selector: { matchLabels: { app: 'productpage' } }, action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    ap(m, 'default/details-viewer', { selector: { matchLabels: { app: 'details' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/default/sa/bookinfo-productpage'] } }], to: [{ operation: { methods: ['GET'] } }] }] });
    expect(verdict(m, 'istio-system/ingressgateway', 'default/productpage', 9080, 'TCP', GET)).toBe('allow');
    expect(verdict(m, 'istio-system/ingressgateway', 'default/productpage', 9080, 'TCP', { method: 'POST', path: '/' })).toBe('deny');
    expect(verdict(m, 'default/productpage', 'default/details', 9080, 'TCP', GET)).toBe('allow');
    expect(verdict(m, 'default/reviews', 'default/details', 9080, 'TCP', GET)).toBe('deny');
    expect(verdict(m, 'default/productpage', 'default/reviews', 9080, 'TCP', GET)).toBe('deny');
    expect(hop(m, 'default/productpage', 'default/details', 9080, 'TCP', GET).decisions.at(-1)).toMatchObject({ decision: 'allow', policy: 'default/details-viewer', rule: '0' });
  });

  it('without any policy every request is allowed', () => {
    const m = bookinfo();
    expect(hop(m, 'legacy/sleep', 'default/ratings', 9080).decisions.at(-1)).toMatchObject({ layer: 'mesh', decision: 'allow', policy: '(default)' });
  });
});

/** httpbin (8000, http) and sleep with sidecars in `foo`; tcp-echo on 9000-9002. */
function foo(): Model {
  const m = model();
  namespace(m, 'foo', { 'istio-injection': 'enabled' });
  namespace(m, 'legacy');
  pod(m, 'foo/httpbin', { labels: { app: 'httpbin' }, ports: [80], sa: 'httpbin' });
  svc(m, 'foo/httpbin', { app: 'httpbin' }, [{ name: 'http', port: 8000, targetPort: 80, protocol: 'TCP' }]);
  pod(m, 'foo/sleep', { labels: { app: 'sleep' }, sa: 'sleep' });
  pod(m, 'foo/tcp-echo', { labels: { app: 'tcp-echo' }, ports: [9000, 9001, 9002], sa: 'default' });
  svc(m, 'foo/tcp-echo', { app: 'tcp-echo' }, [
    { name: 'tcp', port: 9000, protocol: 'TCP' },
    { name: 'tcp-other', port: 9001, protocol: 'TCP' },
  ]);
  pod(m, 'legacy/sleep', { labels: { app: 'sleep' }, sa: 'sleep' });
  return m;
}

describe('explicit deny', () => {
  it('DENY GET denies GET and leaves POST', () => {
    const m = foo();
    ap(m, 'foo/deny-method-get', { selector: { matchLabels: { app: 'httpbin' } }, action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', { method: 'GET', path: '/get' })).toBe('deny');
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', { method: 'POST', path: '/post' })).toBe('allow');
    // The attacker picks the method when the probe does not: POST gets through.
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80)).toBe('allow');
  });

  it('DENY wins over ALLOW', () => {
    const m = foo();
    ap(m, 'foo/deny-get', { selector: { matchLabels: { app: 'httpbin' } }, action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    ap(m, 'foo/allow-path-ip', { selector: { matchLabels: { app: 'httpbin' } }, action: 'ALLOW', rules: [{ to: [{ operation: { paths: ['/ip'] } }] }] });
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', { method: 'GET', path: '/ip' })).toBe('deny');
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', { method: 'POST', path: '/ip' })).toBe('allow');
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', { method: 'POST', path: '/get' })).toBe('deny');
  });

  it('a condition on a request header is conditional, reported with the header', () => {
    const m = foo();
    ap(m, 'foo/deny-get-unless-admin', { selector: { matchLabels: { app: 'httpbin' } }, action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }], when: [{ key: 'request.headers[x-token]', notValues: ['admin'] }] }] });
    const d = hop(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', { method: 'GET', path: '/get' }).decisions.at(-1)!;
    expect(d).toMatchObject({ layer: 'mesh', decision: 'conditional', policy: 'foo/deny-get-unless-admin', rule: '0' });
    expect(d.reason).toContain('x-token');
  });

  it('CUSTOM hands the request to the external authorizer: conditional', () => {
    const m = foo();
    ap(m, 'foo/ext-authz', { selector: { matchLabels: { app: 'httpbin' } }, action: 'CUSTOM', provider: { name: 'opa' }, rules: [{ to: [{ operation: { paths: ['/headers'] } }] }] });
    expect(hop(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', { method: 'GET', path: '/headers' }).decisions.at(-1)).toMatchObject({ decision: 'conditional', policy: 'foo/ext-authz' });
    expect(hop(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', { method: 'GET', path: '/ip' }).decisions.at(-1)).toMatchObject({ decision: 'allow' });
  });

  it('AUDIT never decides', () => {
    const m = foo();
    ap(m, 'foo/audit', { action: 'AUDIT', rules: [{}] });
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80)).toBe('allow');
  });

  it('a dry-run DENY is reported as observe-deny and does not block', () => {
    const m = foo();
    ap(m, 'foo/dry', { action: 'DENY', rules: [{}], dryRun: true });
    const h = hop(m, 'foo/sleep', 'foo/httpbin', 80);
    expect(h.verdict).toBe('allow');
    expect(h.decisions.filter((d) => d.layer === 'mesh').map((d) => [d.decision, d.policy])).toEqual([
      ['observe-deny', 'foo/dry'],
      ['allow', '(default)'],
    ]);
  });
});

describe('authorization for TCP traffic', () => {
  it('ALLOW on ports covers a pod port the Service does not declare', () => {
    const m = foo();
    ap(m, 'foo/tcp-policy', { selector: { matchLabels: { app: 'tcp-echo' } }, action: 'ALLOW', rules: [{ to: [{ operation: { ports: ['9000', '9001'] } }] }] });
    expect(verdict(m, 'foo/sleep', 'foo/tcp-echo', 9000)).toBe('allow');
    expect(verdict(m, 'foo/sleep', 'foo/tcp-echo', 9001)).toBe('allow');
    expect(verdict(m, 'foo/sleep', 'foo/tcp-echo', 9002)).toBe('deny');
  });

  it('an ALLOW rule with an HTTP-only field never matches TCP traffic', () => {
    const m = foo();
    ap(m, 'foo/tcp-policy', { selector: { matchLabels: { app: 'tcp-echo' } }, action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'], ports: ['9000'] } }] }] });
    expect(verdict(m, 'foo/sleep', 'foo/tcp-echo', 9000)).toBe('deny');
    expect(verdict(m, 'foo/sleep', 'foo/tcp-echo', 9001)).toBe('deny');
  });

  it('a DENY rule with only HTTP-only fields matches all TCP traffic', () => {
    const m = foo();
    ap(m, 'foo/tcp-policy', { selector: { matchLabels: { app: 'tcp-echo' } }, action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    expect(verdict(m, 'foo/sleep', 'foo/tcp-echo', 9000)).toBe('deny');
    expect(verdict(m, 'foo/sleep', 'foo/tcp-echo', 9001)).toBe('deny');
  });

  it('a DENY rule with an HTTP-only field and a port denies that port only', () => {
    const m = foo();
    ap(m, 'foo/tcp-policy', { selector: { matchLabels: { app: 'tcp-echo' } }, action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'], ports: ['9000'] } }] }] });
    expect(verdict(m, 'foo/sleep', 'foo/tcp-echo', 9000)).toBe('deny');
    expect(verdict(m, 'foo/sleep', 'foo/tcp-echo', 9001)).toBe('allow');
  });
});

describe('protocol selection', () => {
  const withPort = (port: Service['ports'][number]) => {
    const m = foo();
    pod(m, 'foo/app', { labels: { app: 'app' }, ports: [{ port: 7000, name: 'web', protocol: 'TCP' }] });
    svc(m, 'foo/app', { app: 'app' }, [port]);
    ap(m, 'foo/get-only', { selector: { matchLabels: { app: 'app' } }, rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    return m;
  };
  it.each([
    [{ name: 'http-web', port: 80, targetPort: 7000, protocol: 'TCP' as const }, 'allow'],
    [{ name: 'grpc', port: 80, targetPort: 'web', protocol: 'TCP' as const }, 'allow'],
    [{ name: 'web', port: 80, targetPort: 7000, protocol: 'TCP' as const, appProtocol: 'http' }, 'allow'],
    [{ name: 'tcp-web', port: 80, targetPort: 7000, protocol: 'TCP' as const }, 'deny'],
    [{ name: 'https', port: 443, targetPort: 7000, protocol: 'TCP' as const }, 'deny'],
    [{ name: 'http', port: 80, targetPort: 7000, protocol: 'TCP' as const, appProtocol: 'tcp' }, 'deny'],
  ])('%o makes a GET-only ALLOW %s', (port, expected) => {
    expect(verdict(withPort(port), 'foo/sleep', 'foo/app', 7000, 'TCP', { method: 'GET', path: '/' })).toBe(expected);
  });

  it('an undeclared port is HTTP when the request is', () => {
    const m = foo();
    pod(m, 'foo/bare', { labels: { app: 'bare' }, ports: [7000] });
    ap(m, 'foo/get-only', { selector: { matchLabels: { app: 'bare' } }, rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    expect(verdict(m, 'foo/sleep', 'foo/bare', 7000, 'TCP', { method: 'GET' })).toBe('allow');
    expect(verdict(m, 'foo/sleep', 'foo/bare', 7000)).toBe('deny');
  });
});

describe('sources', () => {
  it.each([
    [{ principals: ['cluster.local/ns/foo/sa/sleep'] }, 'allow', 'deny'],
    [{ principals: ['*'] }, 'allow', 'deny'],
    [{ principals: ['cluster.local/ns/foo/*'] }, 'allow', 'deny'],
    [{ principals: ['*/sa/sleep'] }, 'allow', 'deny'],
    [{ notPrincipals: ['*'] }, 'deny', 'allow'],
    [{ namespaces: ['foo'] }, 'allow', 'deny'],
    [{ notNamespaces: ['foo'] }, 'deny', 'allow'],
    [{ requestPrincipals: ['*'] }, 'deny', 'deny'],
    [{ notRequestPrincipals: ['*'] }, 'allow', 'allow'],
    [{ ipBlocks: ['203.0.113.0/24'] }, 'deny', 'deny'],
  ])('ALLOW from %o: sidecar client %s, sidecar-less client %s', (source, withSidecar, without) => {
    const m = foo();
    ap(m, 'foo/p', { selector: { matchLabels: { app: 'httpbin' } }, rules: [{ from: [{ source }] }] });
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', GET)).toBe(withSidecar);
    expect(verdict(m, 'legacy/sleep', 'foo/httpbin', 80, 'TCP', GET)).toBe(without);
  });

  it('ipBlocks and remoteIpBlocks match addresses outside the mesh', () => {
    const m = foo();
    ap(m, 'foo/p', { selector: { matchLabels: { app: 'httpbin' } }, rules: [{ from: [{ source: { ipBlocks: ['203.0.113.0/24'] } }, { source: { remoteIpBlocks: ['198.51.100.7'] } }] }] });
    expect(verdict(m, '203.0.113.9', 'foo/httpbin', 80, 'TCP', GET)).toBe('allow');
    expect(verdict(m, '198.51.100.7', 'foo/httpbin', 80, 'TCP', GET)).toBe('allow');
    expect(verdict(m, '192.0.2.1', 'foo/httpbin', 80, 'TCP', GET)).toBe('deny');
  });

  it('fields of one source are ANDed, sources ORed', () => {
    const m = foo();
    ap(m, 'foo/p', { selector: { matchLabels: { app: 'httpbin' } }, rules: [{ from: [{ source: { namespaces: ['foo'], principals: ['cluster.local/ns/foo/sa/other'] } }] }] });
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', GET)).toBe('deny');
  });

  it('when keys the mesh knows decide; unknown keys are conditional', () => {
    const m = foo();
    ap(m, 'foo/p', { selector: { matchLabels: { app: 'httpbin' } }, rules: [{ when: [{ key: 'source.namespace', values: ['foo'] }, { key: 'destination.port', values: ['80'] }] }] });
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', GET)).toBe('allow');
    expect(verdict(m, 'legacy/sleep', 'foo/httpbin', 80, 'TCP', GET)).toBe('deny');
    const u = foo();
    ap(u, 'foo/p', { selector: { matchLabels: { app: 'httpbin' } }, rules: [{ when: [{ key: 'destination.ip', values: ['10.0.0.1'] }] }] });
    const d = hop(u, 'foo/sleep', 'foo/httpbin', 80, 'TCP', GET).decisions.at(-1)!;
    expect(d.decision).toBe('conditional');
    expect(d.reason).toContain('destination.ip');
  });

  it('paths match exactly, by prefix, suffix and template', () => {
    const m = foo();
    ap(m, 'foo/p', { selector: { matchLabels: { app: 'httpbin' } }, rules: [{ to: [{ operation: { paths: ['/exact', '/api/*', '*.png', '/v1/{*}/status'] } }] }] });
    for (const [path, expected] of [['/exact', 'allow'], ['/exact/x', 'deny'], ['/api/x/y', 'allow'], ['/img/a.png', 'allow'], ['/v1/a/status', 'allow'], ['/v1/a/b/status', 'deny']] as const) {
      expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', { method: 'GET', path }), path).toBe(expected);
    }
  });
});

describe('scope', () => {
  it('a root-namespace policy without selector applies to the whole mesh', () => {
    const m = bookinfo();
    ap(m, 'istio-system/deny-all', {});
    expect(verdict(m, 'default/productpage', 'default/details', 9080, 'TCP', GET)).toBe('deny');
  });

  it('a root-namespace policy with a selector applies to matching pods of every namespace', () => {
    const m = bookinfo();
    ap(m, 'istio-system/deny-ratings', { selector: { matchLabels: { app: 'ratings' } }, action: 'DENY', rules: [{}] });
    expect(verdict(m, 'default/reviews', 'default/ratings', 9080, 'TCP', GET)).toBe('deny');
    expect(verdict(m, 'default/productpage', 'default/details', 9080, 'TCP', GET)).toBe('allow');
  });

  it('a policy in another namespace does not apply', () => {
    const m = bookinfo();
    ap(m, 'legacy/deny-all', { action: 'DENY', rules: [{}] });
    expect(verdict(m, 'default/productpage', 'default/details', 9080, 'TCP', GET)).toBe('allow');
  });

  it('a policy bound with targetRefs (gateway, waypoint) does not apply to sidecars', () => {
    const m = bookinfo();
    ap(m, 'default/waypoint', { targetRefs: [{ kind: 'Gateway', name: 'waypoint' }], action: 'DENY', rules: [{}] });
    expect(verdict(m, 'default/productpage', 'default/details', 9080, 'TCP', GET)).toBe('allow');
  });

  it('a destination without sidecar has no mesh layer', () => {
    const m = bookinfo();
    ap(m, 'legacy/deny-all', { action: 'DENY', rules: [{}] });
    expect(hop(m, 'default/productpage', 'legacy/sleep', 8080).decisions.some((d) => d.layer === 'mesh')).toBe(false);
  });
});

describe('sidecar injection', () => {
  it.each([
    [{ 'istio-injection': 'enabled' }, {}, {}, true],
    [{ 'istio-injection': 'enabled' }, { 'sidecar.istio.io/inject': 'false' }, {}, false],
    [{ 'istio-injection': 'enabled' }, {}, { 'sidecar.istio.io/inject': 'false' }, false],
    [{ 'istio-injection': 'disabled' }, { 'sidecar.istio.io/inject': 'true' }, {}, false],
    [{}, { 'sidecar.istio.io/inject': 'true' }, {}, true],
    [{}, {}, {}, false],
    [{ 'istio.io/rev': 'canary' }, {}, {}, true],
    [{ 'istio-injection': 'disabled', 'istio.io/rev': 'canary' }, {}, {}, false],
  ])('namespace %o, pod labels %o, annotations %o → sidecar %s', (nsLabels, podLabels, annotations, injected) => {
    const m = model();
    namespace(m, 'ns', nsLabels);
    pod(m, 'ns/app', { labels: { app: 'app', ...podLabels }, annotations });
    pod(m, 'ns/client', { labels: { app: 'client', 'sidecar.istio.io/inject': 'false' } });
    ap(m, 'ns/deny', { action: 'DENY', rules: [{}] });
    expect(verdict(m, 'ns/client', 'ns/app', 8080)).toBe(injected ? 'deny' : 'allow');
  });
});

describe('mutual TLS (PeerAuthentication)', () => {
  const mesh = () => {
    const m = foo();
    namespace(m, 'bar', { 'istio-injection': 'enabled' });
    namespace(m, 'istio-system');
    pod(m, 'bar/httpbin', { labels: { app: 'httpbin' }, ports: [80], sa: 'httpbin' });
    return m;
  };

  it('PERMISSIVE by default: a client without sidecar is accepted', () => {
    const m = mesh();
    expect(verdict(m, 'legacy/sleep', 'foo/httpbin', 80)).toBe('allow');
  });

  it('STRICT in a namespace rejects clients without sidecar there only', () => {
    const m = mesh();
    pa(m, 'foo/default', { mtls: { mode: 'STRICT' } });
    expect(hop(m, 'legacy/sleep', 'foo/httpbin', 80).decisions.at(-1)).toMatchObject({ layer: 'mesh', decision: 'deny', policy: 'foo/default' });
    expect(verdict(m, 'legacy/sleep', 'bar/httpbin', 80)).toBe('allow');
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80)).toBe('allow');
    expect(verdict(m, '203.0.113.1', 'foo/httpbin', 80)).toBe('deny');
  });

  it('mesh-wide STRICT in the root namespace applies everywhere', () => {
    const m = mesh();
    pa(m, 'istio-system/default', { mtls: { mode: 'STRICT' } });
    expect(verdict(m, 'legacy/sleep', 'bar/httpbin', 80)).toBe('deny');
  });

  it('workload beats namespace beats mesh; UNSET inherits', () => {
    const m = mesh();
    pa(m, 'istio-system/default', { mtls: { mode: 'STRICT' } });
    pa(m, 'foo/ns', { mtls: { mode: 'PERMISSIVE' } });
    expect(verdict(m, 'legacy/sleep', 'foo/httpbin', 80)).toBe('allow');
    pa(m, 'foo/httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'UNSET' } });
    expect(verdict(m, 'legacy/sleep', 'foo/httpbin', 80)).toBe('allow');
    m.k8s.peerAuthentications.pop();
    pa(m, 'foo/httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' } });
    expect(verdict(m, 'legacy/sleep', 'foo/httpbin', 80)).toBe('deny');
  });

  it('port-level mTLS overrides the workload mode on that port', () => {
    const m = mesh();
    pod(m, 'foo/multi', { labels: { app: 'multi' }, ports: [80, 8080] });
    pa(m, 'foo/multi', { selector: { matchLabels: { app: 'multi' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '8080': { mode: 'PERMISSIVE' } } });
    expect(verdict(m, 'legacy/sleep', 'foo/multi', 80)).toBe('deny');
    expect(verdict(m, 'legacy/sleep', 'foo/multi', 8080)).toBe('allow');
  });

  it('DISABLE removes the principal, so principal rules deny even sidecar clients', () => {
    const m = mesh();
    pa(m, 'foo/off', { mtls: { mode: 'DISABLE' } });
    ap(m, 'foo/p', { selector: { matchLabels: { app: 'httpbin' } }, rules: [{ from: [{ source: { principals: ['cluster.local/ns/foo/sa/sleep'] } }] }] });
    expect(verdict(m, 'foo/sleep', 'foo/httpbin', 80, 'TCP', GET)).toBe('deny');
  });
});
