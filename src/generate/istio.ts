/**
 * Istio documents of one namespace: STRICT PeerAuthentication where the plan says so (with a
 * PERMISSIVE metrics port on one workload), ALLOW AuthorizationPolicies naming callers by
 * principal and namespace for hubs and crown jewels, and — once in the estate — a DENY.
 */
import { principal, sortedWorkloads } from './k8s.js';
import type { Plan, PlannedNamespace } from './plan.js';
import { Rng } from './prng.js';

type Doc = Record<string, unknown>;
const API = 'security.istio.io/v1';
const MAX_PRINCIPALS = 12;

/** The workload the one DENY policy protects: the first crown jewel in a meshed namespace. */
export function denyTarget(plan: Plan): number | undefined {
  for (const ns of plan.namespaces) {
    if (!ns.istio) continue;
    const jewel = ns.workloads.find((id) => plan.workloads[id]!.tier === 0);
    if (jewel !== undefined) return jewel;
  }
  return undefined;
}

export function* istioDocs(plan: Plan, ns: PlannedNamespace, rng: Rng, deny: number | undefined): Generator<Doc> {
  if (!ns.istio) return;
  const meta = (name: string) => ({ name, namespace: ns.name, resourceVersion: String(rng.int(1000, 999999)) });
  const workloads = sortedWorkloads(plan, ns);
  if (ns.strictMtls) {
    yield { apiVersion: API, kind: 'PeerAuthentication', metadata: meta('default'), spec: { mtls: { mode: 'STRICT' } } };
    const scraped = workloads.find((w) => w.ports.some((p) => p.name === 'metrics'));
    if (scraped) {
      yield {
        apiVersion: API,
        kind: 'PeerAuthentication',
        metadata: meta(`${scraped.name}-metrics`),
        spec: { selector: { matchLabels: { app: scraped.name } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '9102': { mode: 'PERMISSIVE' } } },
      };
    }
  }
  const policies: Doc[] = [];
  for (const w of workloads) {
    const callers = plan.callers[w.id]!;
    if (w.id === deny) {
      policies.push({
        apiVersion: API,
        kind: 'AuthorizationPolicy',
        metadata: meta(`deny-foreign-${w.name}`),
        spec: { selector: { matchLabels: { app: w.name } }, action: 'DENY', rules: [{ from: [{ source: { notNamespaces: [ns.name] } }] }] },
      });
    }
    if (!(w.hub || w.tier === 0) || callers.length === 0) continue;
    // Callers by principal (a sample of them); the rest by namespace.
    const named = rng.sample(callers, MAX_PRINCIPALS);
    const namedSet = new Set(named);
    const principals = [...new Set(named.map((c) => principal(plan.namespaces[plan.workloads[c]!.ns]!.name, plan.workloads[c]!.serviceAccount)))].sort();
    const namespaces = [...new Set(callers.filter((c) => !namedSet.has(c)).map((c) => plan.namespaces[plan.workloads[c]!.ns]!.name))].sort();
    const from = [{ source: { principals } }, ...(namespaces.length > 0 ? [{ source: { namespaces } }] : [])];
    policies.push({
      apiVersion: API,
      kind: 'AuthorizationPolicy',
      metadata: meta(`allow-${w.name}`),
      spec: { selector: { matchLabels: { app: w.name } }, action: 'ALLOW', rules: [{ from, to: [{ operation: { ports: [String(w.ports[0]!.port)] } }] }] },
    });
  }
  yield* policies;
}
