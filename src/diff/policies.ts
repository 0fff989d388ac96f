/**
 * The policy objects of a model, each under the id its decisions name (`ns/name` for
 * NetworkPolicy, AuthorizationPolicy and PeerAuthentication, `Kind ns/name` for RBAC, the ARN
 * for IAM), compared field by field between two models: what a change added, removed or
 * modified. Provenance (`source`) and `resourceVersion` are not content.
 */
import type { Model, Source } from '../model/model.js';

export interface PolicyObject {
  kind: string;
  id: string;
  value: Record<string, unknown>;
  source?: Source;
}

export interface PolicyChange {
  kind: string;
  id: string;
  change: 'added' | 'removed' | 'modified';
  /** top-level fields whose content differs (modified only) */
  fields: string[];
  file?: string;
  line?: number;
}

const nsName = (o: { namespace?: string; name: string }) => (o.namespace ? `${o.namespace}/${o.name}` : o.name);

export function policyObjects(m: Model): PolicyObject[] {
  const out: PolicyObject[] = [];
  const add = (kind: string, id: string, o: object) => {
    const { source, resourceVersion: _v, ...value } = o as Record<string, unknown> & { source?: Source; resourceVersion?: unknown };
    out.push({ kind, id, value, ...(source ? { source } : {}) });
  };
  // A workload's labels, identities and ports decide which policies select it.
  for (const w of m.workloads) add('workload', w.id, w);
  for (const p of m.k8s.networkPolicies) add('NetworkPolicy', nsName(p), p);
  for (const p of m.k8s.authorizationPolicies) add('AuthorizationPolicy', nsName(p), p);
  for (const p of m.k8s.peerAuthentications) add('PeerAuthentication', nsName(p), p);
  for (const r of m.k8s.roles) add(r.kind, `${r.kind} ${nsName(r)}`, r);
  for (const b of m.k8s.bindings) add(b.kind, `${b.kind} ${nsName(b)}`, b);
  for (const p of m.aws.principals) add(`aws-${p.kind}`, p.arn, p);
  for (const [arn, p] of m.aws.policies) add('aws-managed-policy', arn, p);
  for (const p of m.native.policies) add('native-policy', p.name, p);
  for (const e of m.native.exceptions) add('exception', e.name, e);
  m.native.grants.forEach((g, i) => add('native-grant', `${g.identity} grant ${i}`, g));
  m.native.trust.forEach((t, i) => add('native-trust', `${t.identity} trust ${i}`, t));
  for (const w of m.ci.workflows) add('workflow', w.id, w);
  return out;
}

/** Stable JSON: keys sorted, Maps and Sets as sorted lists, provenance left out. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (key, x: unknown) => {
    if (key === 'source' || key === 'resourceVersion') return undefined;
    if (x instanceof Map) return [...x.entries()].sort();
    if (x instanceof Set) return [...x].sort();
    if (x && typeof x === 'object' && !Array.isArray(x)) return Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return x;
  });
}

const at = (s: Source | undefined) => (s ? { file: s.file, ...(s.line !== undefined ? { line: s.line } : {}) } : {});

/** What changed from `base` to `head`, by kind and id. */
export function policyChanges(base: Model, head: Model): PolicyChange[] {
  const key = (o: PolicyObject) => `${o.kind}\u0000${o.id}`;
  const before = new Map(policyObjects(base).map((o) => [key(o), o]));
  const after = new Map(policyObjects(head).map((o) => [key(o), o]));
  const out: PolicyChange[] = [];
  for (const [k, a] of after) {
    const b = before.get(k);
    if (!b) {
      out.push({ kind: a.kind, id: a.id, change: 'added', fields: [], ...at(a.source) });
      continue;
    }
    const fields = [...new Set([...Object.keys(a.value), ...Object.keys(b.value)])].filter((f) => canonical(a.value[f]) !== canonical(b.value[f])).sort();
    if (fields.length) out.push({ kind: a.kind, id: a.id, change: 'modified', fields, ...at(a.source) });
  }
  for (const [k, b] of before) if (!after.has(k)) out.push({ kind: b.kind, id: b.id, change: 'removed', fields: [], ...at(b.source) });
  return out.sort((x, y) => (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** Whether a decision naming `policy` comes from the changed object `c`. */
export function names(c: Pick<PolicyChange, 'id'>, policy: string): boolean {
  return policy === c.id || policy.startsWith(`${c.id}#`) || policy.endsWith(` ${c.id}`);
}
