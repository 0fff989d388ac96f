/**
 * The native-format rules, one describe each: a positive fixture and a control without the
 * enabling fact; findings as exact sorted `from -> to` lists.
 */
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/model/model.js';
import { PolicyContext } from '../../src/policy/context.js';
import { rule as assume } from '../../src/rules/assume.js';
import { rule as connect } from '../../src/rules/connect.js';
import { rule as deploy } from '../../src/rules/deploy.js';
import { rule as grant } from '../../src/rules/grant.js';
import { rule as modify } from '../../src/rules/modify.js';
import { rule as pipelineCredentials } from '../../src/rules/pipeline-credentials.js';
import { rule as readSecret } from '../../src/rules/read-secret.js';
import type { Rule } from '../../src/rules/rule.js';
import { rule as runsAs } from '../../src/rules/runs-as.js';
import { rule as storedCredential } from '../../src/rules/stored-credential.js';
import { loadYaml } from '../helpers/load-yaml.js';

const HEAD = 'apiVersion: lateral/v1\nkind: Topology\n';

function edges(r: Rule, m: Model): string[] {
  return r
    .find(m, new PolicyContext(m, { at: '2026-11-24' }))
    .map((f) => `${f.from} -> ${f.to}${f.port !== undefined ? `:${f.port}` : ''}${f.decisions.some((d) => d.decision === 'deny') ? ' (denied)' : ''}`)
    .sort();
}

const base = `${HEAD}namespaces: [{ name: shop }, { name: pay, defaultDeny: [network] }]
identities:
  - { name: web-sa, kind: workload, credential: { type: short-lived, ttl: 1h } }
  - { name: db-admin, kind: cloud-role, credential: { type: static, age: 90d } }
  - { name: ci, kind: pipeline }
  - { name: dev, kind: human }
workloads:
  - { name: web, namespace: shop, labels: { app: web }, identity: web-sa, ports: [8080] }
  - { name: api, namespace: pay, labels: { app: api }, ports: [8443] }
`;

describe('connect', () => {
  it('default-allow namespaces admit every workload on each of its ports', () => {
    expect(edges(connect, loadYaml({ 't.yaml': base }))).toEqual(['pay/api -> shop/web:8080', 'shop/web -> pay/api:8443 (denied)']);
  });

  it('an allow rule opens the default-deny namespace', () => {
    const m = loadYaml({ 't.yaml': `${base}policies: [{ name: p, layer: network, rules: [{ from: { labels: { app: web } }, to: { namespace: pay }, ports: [8443] }] }]\n` });
    expect(edges(connect, m)).toEqual(['pay/api -> shop/web:8080', 'shop/web -> pay/api:8443']);
  });
});

describe('runs-as', () => {
  it('a workload holds its identity', () => {
    expect(edges(runsAs, loadYaml({ 't.yaml': base }))).toEqual(['shop/web -> identity:web-sa']);
  });
  it('control: a workload without identity holds none', () => {
    expect(edges(runsAs, loadYaml({ 't.yaml': base.replace(', identity: web-sa', '') }))).toEqual([]);
  });
});

const withSecret = `${base}resources:
  - { name: db-password, type: secret, namespace: pay, holds: [db-admin], tier: 0 }
  - { name: cards, type: datastore, tier: 0 }
`;

describe('stored-credential', () => {
  it('a secret holding a credential leads to its identity', () => {
    expect(edges(storedCredential, loadYaml({ 't.yaml': withSecret }))).toEqual(['secret:db-password -> identity:db-admin']);
  });
  it('control: a secret holding nothing', () => {
    expect(edges(storedCredential, loadYaml({ 't.yaml': withSecret.replace('holds: [db-admin]', 'holds: []') }))).toEqual([]);
  });
});

describe('grant and read-secret', () => {
  const granted = `${withSecret}grants:
  - { identity: web-sa, resource: db-password, actions: [read] }
  - { identity: db-admin, resource: cards, actions: [read, write] }
exceptions:
  - { name: old, layer: grant, identity: web-sa, resource: cards, actions: [read], owner: team, reason: migration, expires: 2026-06-30 }
`;
  it('grants to non-secret resources are grant edges; expired exceptions are denied edges', () => {
    expect(edges(grant, loadYaml({ 't.yaml': granted }))).toEqual(['identity:db-admin -> datastore:cards', 'identity:web-sa -> datastore:cards (denied)']);
  });
  it('grants to secrets are read-secret edges', () => {
    expect(edges(readSecret, loadYaml({ 't.yaml': granted }))).toEqual(['identity:web-sa -> secret:db-password']);
  });
  it('control: without grants there are no edges', () => {
    expect(edges(grant, loadYaml({ 't.yaml': withSecret }))).toEqual([]);
    expect(edges(readSecret, loadYaml({ 't.yaml': withSecret }))).toEqual([]);
  });
});

describe('assume', () => {
  it('trust lets one identity become another', () => {
    expect(edges(assume, loadYaml({ 't.yaml': `${base}trust: [{ identity: web-sa, mayAssume: db-admin }]\n` }))).toEqual(['identity:web-sa -> identity:db-admin']);
  });
  it('control: no trust', () => {
    expect(edges(assume, loadYaml({ 't.yaml': base }))).toEqual([]);
  });
});

describe('pipelines', () => {
  const pipeline = `${base}pipelines: [{ name: shop/deploy.yml, identities: [db-admin], deploysTo: [shop/web], modifiableBy: [dev] }]\n`;
  it('a pipeline holds its identities, deploys into workloads and is modified by its editors', () => {
    const m = loadYaml({ 't.yaml': pipeline });
    expect(edges(pipelineCredentials, m)).toEqual(['pipeline:shop/deploy.yml -> identity:db-admin']);
    expect(edges(deploy, m)).toEqual(['pipeline:shop/deploy.yml -> shop/web']);
    expect(edges(modify, m)).toEqual(['user:dev -> pipeline:shop/deploy.yml']);
  });
  it('control: a pipeline with nothing attached', () => {
    const m = loadYaml({ 't.yaml': `${base}pipelines: [{ name: shop/deploy.yml }]\n` });
    expect([...edges(pipelineCredentials, m), ...edges(deploy, m), ...edges(modify, m)]).toEqual([]);
  });
});
