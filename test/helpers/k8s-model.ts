/** Small builders for Kubernetes-shaped models in decision-engine tests. */
import type { K8sWorkloadInfo } from '../../src/model/k8s.js';
import { emptyModel, type Model, type PortSpec, type Workload } from '../../src/model/model.js';
import { PolicyContext } from '../../src/policy/context.js';
import { blocks, type Decision } from '../../src/policy/decision.js';
import { decideHop, type Endpoint } from '../../src/policy/hop.js';

export function model(): Model {
  return emptyModel();
}

export function namespace(m: Model, name: string, labels: Record<string, string> = {}): void {
  m.namespaces.push({ name, labels: { 'kubernetes.io/metadata.name': name, ...labels }, isolation: {} });
}

export interface PodOptions {
  labels?: Record<string, string>;
  ports?: (number | PortSpec)[];
  sa?: string;
  annotations?: Record<string, string>;
}

export function pod(m: Model, id: string, o: PodOptions = {}): Workload {
  const [ns = 'default', name = id] = id.split('/');
  if (!m.namespaces.some((n) => n.name === ns)) namespace(m, ns);
  const w: Workload = {
    id,
    name,
    namespace: ns,
    kind: 'Deployment',
    labels: o.labels ?? { app: name },
    identities: [],
    ports: (o.ports ?? [8080]).map((p) => (typeof p === 'number' ? { port: p, protocol: 'TCP' } : p)),
    isolation: {},
  };
  m.workloads.push(w);
  const info: K8sWorkloadInfo = {
    serviceAccount: `system:serviceaccount:${ns}:${o.sa ?? 'default'}`,
    annotations: o.annotations ?? {},
    security: { privileged: false, hostPID: false, hostIPC: false, hostNetwork: false, hostPaths: [], capabilities: [] },
    secrets: [],
  };
  m.k8s.workloads.set(id, info);
  return w;
}

export function context(m: Model): PolicyContext {
  return new PolicyContext(m, { at: '2026-11-24' });
}

/** The endpoint for a workload id, or an IP literal. */
export function at(m: Model, ref: string): Endpoint {
  const w = m.workloads.find((x) => x.id === ref);
  return w ? { workload: w } : { ip: ref };
}

export interface Hop {
  verdict: 'allow' | 'deny';
  decisions: Decision[];
}

export function hop(m: Model, from: string, to: string, port: number, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP', extra: { method?: string; path?: string } = {}): Hop {
  const decisions = decideHop(context(m), { from: at(m, from), to: at(m, to), port, protocol, ...extra });
  return { verdict: decisions.some((d) => blocks(d)) ? 'deny' : 'allow', decisions };
}

export function verdict(m: Model, from: string, to: string, port: number, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP', extra: { method?: string; path?: string } = {}): 'allow' | 'deny' {
  return hop(m, from, to, port, protocol, extra).verdict;
}
