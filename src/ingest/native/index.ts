/**
 * Native topology format (`apiVersion: lateral/v1`, `kind: Topology`): validated by zod,
 * merged across documents and files; references resolve once every input is read.
 */
import { toMinutes } from '../../model/duration.js';
import type { Identity, Isolation, PortSpec } from '../../model/model.js';
import type { MeshRule, NetworkRule, PortRange, WorkloadSelector } from '../../model/native.js';
import {
  meshRuleSchema,
  networkRuleSchema,
  topologySchema,
  type IsolationInput,
  type PortRangeInput,
} from '../../model/native-schema.js';
import type { IngestContext } from '../context.js';
import type { ParsedDoc, PathSegment } from '../parse.js';
import { validate } from '../zod-problems.js';
import { ingestOverlay } from './overlay.js';
import { ingestRepository } from '../github-actions/index.js';
import { article } from '../../model/words.js';

export function isNative(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { apiVersion?: unknown }).apiVersion === 'lateral/v1';
}

export function ingestNative(ctx: IngestContext, doc: ParsedDoc): void {
  const kind = (doc.value as { kind?: unknown }).kind;
  if (kind === 'Overlay') return ingestOverlay(ctx, doc);
  if (kind === 'Repository') return ingestRepository(ctx, doc);
  if (kind !== undefined && kind !== 'Topology') {
    if (kind === 'Scenario') ctx.skip(doc, 'scenario', 'a scenario, not a topology: pass it with --scenario', kind);
    else ctx.skip(doc, 'unread-kind', `unknown lateral/v1 kind "${String(kind)}"`, String(kind));
    return;
  }
  const topo = validate(ctx, doc, [], topologySchema, doc.value);
  if (!topo) return;
  const m = ctx.model;
  const src = (path: PathSegment[]) => ctx.source(doc, path);

  topo.namespaces.forEach((ns, i) => {
    m.namespaces.push({
      name: ns.name,
      labels: { 'kubernetes.io/metadata.name': ns.name, ...ns.labels },
      isolation: toIsolation(ns.defaultDeny),
      owner: ns.owner,
      tier: ns.tier,
      source: src(['namespaces', i]),
    });
  });

  topo.identities.forEach((idn, i) => {
    const identity: Identity = {
      id: idn.kind === 'human' ? `user:${idn.name}` : `identity:${idn.name}`,
      name: idn.name,
      kind: idn.kind,
      owner: idn.owner,
      tier: idn.tier,
      source: src(['identities', i]),
    };
    if (idn.credential?.type === 'short-lived') identity.credential = { type: 'short-lived', ttlMinutes: toMinutes(idn.credential.ttl) };
    if (idn.credential?.type === 'static') {
      identity.credential = { type: 'static' };
      if (idn.credential.age !== undefined) identity.credential.ageDays = toMinutes(idn.credential.age) / 1440;
    }
    m.identities.push(identity);
  });

  topo.workloads.forEach((w, i) => {
    const identities: string[] = [];
    const refs = w.identity === undefined ? [] : Array.isArray(w.identity) ? w.identity : [w.identity];
    refs.forEach((ref, j) => {
      const path: PathSegment[] = Array.isArray(w.identity) ? ['workloads', i, 'identity', j] : ['workloads', i, 'identity'];
      ctx.ref('identity', ref, doc, path, (id) => identities.push(id));
    });
    m.workloads.push({
      id: `${w.namespace}/${w.name}`,
      name: w.name,
      namespace: w.namespace,
      kind: 'workload',
      labels: w.labels,
      identities,
      ports: w.ports.map((p): PortSpec => (typeof p === 'number' ? { port: p, protocol: 'TCP' } : p)),
      isolation: toIsolation(w.defaultDeny),
      ...(w.exploitable ? { exploitable: true } : {}),
      owner: w.owner,
      tier: w.tier,
      source: src(['workloads', i]),
    });
  });

  topo.resources.forEach((r, i) => {
    const holds: string[] = [];
    r.holds.forEach((ref, j) => ctx.ref('identity', ref, doc, ['resources', i, 'holds', j], (id) => holds.push(id)));
    m.resources.push({
      id: `${r.type}:${r.name}`,
      name: r.name,
      type: r.type,
      namespace: r.namespace,
      holds,
      owner: r.owner,
      tier: r.tier,
      source: src(['resources', i]),
    });
  });

  topo.pipelines.forEach((p, i) => {
    const pipeline = {
      id: `pipeline:${p.name}`,
      name: p.name,
      identities: [] as string[],
      deploysTo: [] as string[],
      modifiableBy: [] as string[],
      owner: p.owner,
      tier: p.tier,
      source: src(['pipelines', i]),
    };
    p.identities.forEach((ref, j) => ctx.ref('identity', ref, doc, ['pipelines', i, 'identities', j], (id) => pipeline.identities.push(id)));
    p.deploysTo.forEach((ref, j) => ctx.ref('workload', ref, doc, ['pipelines', i, 'deploysTo', j], (id) => pipeline.deploysTo.push(id)));
    p.modifiableBy.forEach((ref, j) => ctx.ref('identity', ref, doc, ['pipelines', i, 'modifiableBy', j], (id) => pipeline.modifiableBy.push(id)));
    m.pipelines.push(pipeline);
  });

  topo.policies.forEach((p, i) => {
    const policy = {
      name: p.name,
      layer: p.layer,
      mode: p.mode,
      version: p.version,
      network: [] as NetworkRule[],
      mesh: [] as MeshRule[],
      source: src(['policies', i]),
    };
    p.rules.forEach((raw, j) => {
      const path: PathSegment[] = ['policies', i, 'rules', j];
      if (p.layer === 'network') {
        const rule = validate(ctx, doc, path, networkRuleSchema, raw);
        if (rule) policy.network.push(networkRule(ctx, doc, path, rule));
      } else {
        const rule = validate(ctx, doc, path, meshRuleSchema, raw);
        if (rule) policy.mesh.push(meshRule(ctx, doc, path, rule));
      }
    });
    m.native.policies.push(policy);
  });

  topo.grants.forEach((g, i) => {
    const grant = { identity: '', resource: '', actions: g.actions, source: src(['grants', i]) };
    ctx.ref('identity', g.identity, doc, ['grants', i, 'identity'], (id) => (grant.identity = id));
    ctx.ref('resource', g.resource, doc, ['grants', i, 'resource'], (id) => (grant.resource = id));
    m.native.grants.push(grant);
  });

  topo.trust.forEach((t, i) => {
    const trust = { identity: '', mayAssume: '', source: src(['trust', i]) };
    ctx.ref('identity', t.identity, doc, ['trust', i, 'identity'], (id) => (trust.identity = id));
    ctx.ref('identity', t.mayAssume, doc, ['trust', i, 'mayAssume'], (id) => (trust.mayAssume = id));
    m.native.trust.push(trust);
  });

  topo.exceptions.forEach((e, i) => {
    const path: PathSegment[] = ['exceptions', i];
    const base = { name: e.name, owner: e.owner, reason: e.reason, expires: e.expires, created: e.created, layer: e.layer, source: src(path) };
    const missing = (field: string) => ctx.problem(doc, [...path, field], `required for ${article(e.layer)} exception`);
    if (e.layer === 'grant') {
      if (!e.identity) missing('identity');
      if (!e.resource) missing('resource');
      if (e.actions.length === 0) missing('actions');
      if (!e.identity || !e.resource || e.actions.length === 0) return;
      const grant = { identity: '', resource: '', actions: e.actions, source: src(path) };
      ctx.ref('identity', e.identity, doc, [...path, 'identity'], (id) => (grant.identity = id));
      ctx.ref('resource', e.resource, doc, [...path, 'resource'], (id) => (grant.resource = id));
      m.native.exceptions.push({ ...base, grant });
      return;
    }
    if (!e.to) return missing('to');
    const ruleInput = { from: e.from, to: e.to, ports: e.ports, ...(e.layer === 'mesh' ? { methods: e.methods, paths: e.paths } : {}) };
    if (e.layer === 'network') {
      const rule = validate(ctx, doc, path, networkRuleSchema, ruleInput);
      if (rule) m.native.exceptions.push({ ...base, network: networkRule(ctx, doc, path, rule) });
    } else {
      const rule = validate(ctx, doc, path, meshRuleSchema, ruleInput);
      if (rule) m.native.exceptions.push({ ...base, mesh: meshRule(ctx, doc, path, rule) });
    }
  });
}

function toIsolation(input: IsolationInput | undefined): Isolation {
  if (input === undefined) return {};
  if (Array.isArray(input)) return Object.fromEntries(input.map((layer) => [layer, 'enforce'])) as Isolation;
  return { ...input };
}

function selector(ctx: IngestContext, doc: ParsedDoc, path: PathSegment[], s: WorkloadSelector): WorkloadSelector {
  const out: WorkloadSelector = { ...s };
  if (s.workload !== undefined) ctx.ref('workload', s.workload, doc, [...path, 'workload'], (id) => (out.workload = id));
  return out;
}

function networkRule(
  ctx: IngestContext,
  doc: ParsedDoc,
  path: PathSegment[],
  r: { action: 'allow' | 'deny'; from: WorkloadSelector; to: WorkloadSelector; ports: PortRangeInput[] },
): NetworkRule {
  return {
    action: r.action,
    from: selector(ctx, doc, [...path, 'from'], r.from),
    to: selector(ctx, doc, [...path, 'to'], r.to),
    ports: r.ports.map(toPortRange),
  };
}

function meshRule(
  ctx: IngestContext,
  doc: ParsedDoc,
  path: PathSegment[],
  r: { action: 'allow' | 'deny'; from?: string[]; to: WorkloadSelector; ports: PortRangeInput[]; methods: string[]; paths: string[] },
): MeshRule {
  const rule: MeshRule = {
    action: r.action,
    from: [],
    fromAny: r.from === undefined,
    to: selector(ctx, doc, [...path, 'to'], r.to),
    ports: r.ports.map(toPortRange),
    methods: r.methods,
    paths: r.paths,
  };
  r.from?.forEach((ref, j) => ctx.ref('identity', ref, doc, [...path, 'from', j], (id) => rule.from.push(id)));
  return rule;
}

export function toPortRange(p: PortRangeInput): PortRange {
  if (typeof p === 'number') return { port: p, protocol: 'TCP' };
  if (typeof p === 'string') {
    const [range = '', proto] = p.split('/');
    const [lo, hi] = range.split('-').map(Number);
    return { port: lo!, ...(hi !== undefined ? { endPort: hi } : {}), protocol: (proto as PortRange['protocol']) ?? 'TCP' };
  }
  return p;
}
