/** The native network and mesh layers and grants: defaults, explicit deny, observe mode, exceptions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/model/model.js';
import { PolicyContext } from '../../src/policy/context.js';
import { blocks } from '../../src/policy/decision.js';
import { decideGrant } from '../../src/policy/grant.js';
import { decideHop } from '../../src/policy/hop.js';
import { exceptionStatus } from '../../src/engine/exceptions.js';
import { loadYaml } from '../helpers/load-yaml.js';

const topo = (extra: string, nsDeny = '[network, mesh]') => `apiVersion: lateral/v1
kind: Topology
namespaces: [{ name: shop }, { name: pay, defaultDeny: ${nsDeny} }]
identities: [{ name: web-sa, kind: workload }, { name: ci, kind: cloud-role }]
workloads:
  - { name: web, namespace: shop, labels: { app: web }, identity: web-sa, ports: [8080] }
  - { name: api, namespace: pay, labels: { app: api }, ports: [8443, { port: 9000, protocol: UDP }] }
resources: [{ name: cards, type: datastore, tier: 0 }]
${extra}`;

function decide(m: Model, at = '2026-11-24', port = 8443, protocol: 'TCP' | 'UDP' = 'TCP') {
  const ctx = new PolicyContext(m, { at });
  const w = (id: string) => ({ workload: m.workloads.find((x) => x.id === id)! });
  return decideHop(ctx, { from: w('shop/web'), to: w('pay/api'), port, protocol }).map((d) => `${d.layer}:${d.decision}:${d.policy}`);
}
const verdict = (ds: string[]) => (ds.some((d) => d.includes(':deny:')) ? 'deny' : 'allow');

const allowNet = `policies:
  - { name: net, layer: network, version: 3, rules: [{ from: { labels: { app: web } }, to: { namespace: pay }, ports: [8443] }] }
  - { name: mesh, layer: mesh, rules: [{ from: [web-sa], to: { namespace: pay } }] }
`;

describe('native layers', () => {
  it('default-allow without isolation', () => {
    expect(decide(loadYaml({ 't.yaml': topo('', '[]') }))).toEqual(['network:allow:(default)']);
  });

  it('default-deny per namespace, then allow rules open the hop', () => {
    expect(decide(loadYaml({ 't.yaml': topo('') }))).toEqual(['network:deny:default-deny:namespace pay', 'mesh:deny:default-deny:namespace pay']);
    expect(decide(loadYaml({ 't.yaml': topo(allowNet) }))).toEqual(['network:allow:net', 'mesh:allow:mesh']);
  });

  it('default-deny per workload', () => {
    const m = loadYaml({ 't.yaml': topo('', '[]').replace('ports: [8443, { port: 9000, protocol: UDP }]', 'ports: [8443], defaultDeny: [network]') });
    expect(decide(m)).toEqual(['network:deny:default-deny:pay/api']);
  });

  it('ports and protocols must match', () => {
    const m = loadYaml({ 't.yaml': topo(allowNet) });
    expect(verdict(decide(m, '2026-11-24', 9000, 'UDP'))).toBe('deny');
  });

  it('an explicit deny wins over an allow and over an exception', () => {
    const m = loadYaml({
      't.yaml': topo(`${allowNet}  - { name: block, layer: network, rules: [{ action: deny, from: { namespace: shop }, to: { labels: { app: api } } }] }
exceptions:
  - { name: temp, layer: network, from: { namespace: shop }, to: { namespace: pay }, owner: t, reason: r, expires: 2027-01-01 }
`),
    });
    expect(decide(m)[0]).toBe('network:deny:block');
  });

  it('observe-mode denies are recorded and never block', () => {
    const m = loadYaml({ 't.yaml': topo(`${allowNet}  - { name: staged, layer: network, mode: observe, rules: [{ action: deny, from: { namespace: shop }, to: { namespace: pay } }] }\n`) });
    const ds = decide(m);
    expect(ds).toContain('network:observe-deny:staged');
    expect(verdict(ds)).toBe('allow');
  });

  it('observe-mode default-deny records the would-be deny and allows', () => {
    const m = loadYaml({ 't.yaml': topo('', '{ network: observe }') });
    expect(decide(m)).toEqual(['network:observe-deny:default-deny:namespace pay', 'network:allow:(default)']);
  });

  it('an exception allows until its expires date, inclusive', () => {
    const m = loadYaml({
      't.yaml': topo(`policies: [{ name: mesh, layer: mesh, rules: [{ to: { namespace: pay } }] }]
exceptions:
  - { name: temp, layer: network, from: { namespace: shop }, to: { namespace: pay }, owner: t, reason: r, expires: 2026-11-30 }
`),
    });
    expect(decide(m, '2026-11-30')[0]).toBe('network:allow:exception:temp');
    expect(decide(m, '2026-12-01')[0]).toBe('network:deny:default-deny:namespace pay');
  });

  it('an exception grants nothing before its created date, and is pending there, never of negative age', () => {
    const m = loadYaml({
      't.yaml': topo(`policies: [{ name: mesh, layer: mesh, rules: [{ to: { namespace: pay } }] }]
exceptions:
  - { name: temp, layer: network, from: { namespace: shop }, to: { namespace: pay }, owner: t, reason: r, created: 2026-09-15, expires: 2026-11-30 }
  - { name: cards, layer: grant, identity: ci, resource: cards, actions: [read], owner: t, reason: r, created: 2026-09-15, expires: 2026-11-30 }
`),
    });
    const grant = (at: string) => decideGrant(new PolicyContext(m, { at }), { identity: 'identity:ci', action: 'read', resource: 'datastore:cards' });
    expect(decide(m, '2026-06-01')[0]).toBe('network:deny:default-deny:namespace pay');
    expect(grant('2026-06-01').map((d) => [d.decision, d.reason])).toEqual([['deny', 'exception owned by t (r) not in force until 2026-09-15: grants nothing']]);
    for (const at of ['2026-09-15', '2026-11-30']) {
      expect(decide(m, at)[0]).toBe('network:allow:exception:temp');
      expect(grant(at)[0]?.decision).toBe('allow');
    }
    expect(grant('2026-12-01')[0]?.decision).toBe('deny');
    const status = (at: string) => exceptionStatus(m, at).find((x) => x.name === 'temp')!;
    expect(status('2026-06-01')).toMatchObject({ status: 'pending', startsInDays: 106, expired: false });
    expect(status('2026-06-01').ageDays).toBeUndefined();
    expect(status('2026-09-15')).toMatchObject({ status: 'active', ageDays: 0, daysLeft: 76 });
    expect(status('2026-12-01')).toMatchObject({ status: 'expired', expired: true, ageDays: 77 });
  });

  it('for any dates, an exception allows exactly when created <= at <= expires', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, day, fc.boolean(), (created, expires, at, withCreated) => {
        const m = loadYaml({
          't.yaml': topo(`policies: [{ name: mesh, layer: mesh, rules: [{ to: { namespace: pay } }] }]
exceptions:
  - { name: temp, layer: network, from: { namespace: shop }, to: { namespace: pay }, owner: t, reason: r, ${withCreated ? `created: ${created}, ` : ''}expires: ${expires} }
`),
        });
        const inForce = (!withCreated || created <= at) && at <= expires;
        expect(decide(m, at)[0] === 'network:allow:exception:temp').toBe(inForce);
        expect(exceptionStatus(m, at)[0]!.status === 'active').toBe(inForce);
      }),
      { numRuns: 60 },
    );
  });

  it('grants allow their actions only; expired grant exceptions deny', () => {
    const m = loadYaml({
      't.yaml': topo(`grants: [{ identity: web-sa, resource: cards, actions: [read] }]
exceptions:
  - { name: export, layer: grant, identity: ci, resource: cards, actions: [read], owner: t, reason: r, expires: 2026-06-30 }
`),
    });
    const g = (identity: string, action: string, at = '2026-11-24') => decideGrant(new PolicyContext(m, { at }), { identity, action, resource: 'datastore:cards' }).some((d) => d.decision === 'allow' && !blocks(d));
    expect(g('identity:web-sa', 'read')).toBe(true);
    expect(g('identity:web-sa', 'write')).toBe(false);
    expect(g('identity:ci', 'read')).toBe(false);
    expect(g('identity:ci', 'read', '2026-06-30')).toBe(true);
  });
});
