/**
 * The Istio layer of a hop into a pod with a sidecar: PeerAuthentication first (a STRICT
 * port rejects clients without a mesh certificate), then AuthorizationPolicy in Istio's
 * order — CUSTOM, DENY, ALLOW: a matching CUSTOM policy hands the request to an external
 * authorizer (conditional here), a matching DENY denies, and when ALLOW policies apply the
 * request needs one that matches; with none, it is allowed. AUDIT never decides.
 * Policies annotated `istio.io/dry-run: "true"` are evaluated and reported, never enforced.
 */
import type { AuthorizationPolicy } from '../../model/k8s.js';
import type { Workload } from '../../model/model.js';
import type { PolicyContext } from '../context.js';
import type { Decision } from '../decision.js';
import { endpointName, type HopRequest } from '../hop.js';
import { matchRule, type Action, type MeshRequest, type Match } from './match.js';
import { mtlsMode } from './peer-authentication.js';
import { protocolFor } from './protocol.js';
import { sidecarInjected } from './sidecar.js';
import { groupByNamespace } from '../by-namespace.js';

export { sidecarInjected } from './sidecar.js';
export { protocolFor } from './protocol.js';
export { mtlsMode, peerAuthenticationSelects } from './peer-authentication.js';

export const DEFAULT_ROOT_NAMESPACE = 'istio-system';
const TRUST_DOMAIN = 'cluster.local';

interface Hit {
  policy: AuthorizationPolicy;
  rule: number;
  match: Match;
  notes: string[];
}

function id(p: { namespace: string; name: string }): string {
  return `${p.namespace}/${p.name}`;
}

/**
 * Policies that apply to a pod: a root-namespace policy without selector applies mesh-wide,
 * one with a selector to matching pods of every namespace; elsewhere a policy applies to its
 * own namespace, narrowed by its selector. Policies with `targetRefs` attach to gateways or
 * waypoints, not to sidecars, and are left out.
 */
export function applicablePolicies(ctx: PolicyContext, w: Workload, rootNamespace: string): AuthorizationPolicy[] {
  const byNamespace = ctx.memo('istio-authz-by-namespace', () => groupByNamespace(ctx.model.k8s.authorizationPolicies.filter(attachesToSidecars)));
  const candidates = [...(byNamespace.get(rootNamespace) ?? []), ...(w.namespace !== rootNamespace ? (byNamespace.get(w.namespace) ?? []) : [])];
  return candidates.filter((p) => selectsLabels(p, w)).sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

/** Policies with `targetRefs` attach to gateways or waypoints, not to sidecars. */
export function attachesToSidecars(p: AuthorizationPolicy): boolean {
  return !(p.targetRefs && p.targetRefs.length > 0);
}

/** Whether an AuthorizationPolicy applies to a pod (the rule `applicablePolicies` follows, for one policy). */
export function authorizationPolicySelects(p: AuthorizationPolicy, w: Workload, rootNamespace: string): boolean {
  return attachesToSidecars(p) && (p.namespace === rootNamespace || p.namespace === w.namespace) && selectsLabels(p, w);
}

function selectsLabels(p: AuthorizationPolicy, w: Workload): boolean {
  return Object.entries(p.selector?.matchLabels ?? {}).every(([k, v]) => w.labels[k] === v);
}

export function decideIstio(ctx: PolicyContext, req: HopRequest): Decision[] {
  if (!('workload' in req.to) || !sidecarInjected(ctx, req.to.workload)) return [];
  const dst = req.to.workload;
  const root = ctx.options.istioRootNamespace ?? DEFAULT_ROOT_NAMESPACE;
  const mtls = mtlsMode(ctx, dst, req.port, root);
  const src = 'workload' in req.from ? req.from.workload : undefined;
  const srcSidecar = src !== undefined && sidecarInjected(ctx, src);
  const declared = protocolFor(ctx, dst, req.port);
  const http = declared ? declared === 'http' : req.method !== undefined || req.path !== undefined;
  const principal = srcSidecar && mtls.mode !== 'DISABLE' ? principalOf(ctx, src) : undefined;
  const hop = `${endpointName(req.from)} → ${dst.id}:${req.port}/${req.protocol} (${http ? 'http' : 'tcp'}${req.method ? ` ${req.method}` : ''}${req.path ? ` ${req.path}` : ''})`;
  const who = principal ? `principal ${principal}` : src ? `${src.id} (no sidecar: no mesh identity)` : `${endpointName(req.from)} (outside the mesh)`;
  const decision = (d: Omit<Decision, 'layer'>): Decision => ({ layer: 'mesh', ...d });

  if (mtls.mode === 'STRICT' && !srcSidecar) {
    return [decision({ decision: 'deny', policy: mtls.policy, ...(mtls.version ? { version: mtls.version } : {}), reason: `${hop} rejected: ${dst.id} requires mutual TLS (STRICT) and ${who} has no mesh certificate` })];
  }
  const request: MeshRequest = {
    ...(principal ? { principal } : {}),
    ...('ip' in req.from ? { ip: req.from.ip } : {}),
    port: req.port,
    http,
    ...(http && req.method !== undefined ? { method: req.method } : {}),
    ...(http && req.path !== undefined ? { path: req.path } : {}),
  };
  const policies = applicablePolicies(ctx, dst, root);
  const enforced = evaluate(policies.filter((p) => !p.dryRun), request);
  const out: Decision[] = [];
  const withDryRun = policies.some((p) => p.dryRun) ? evaluate(policies, request) : undefined;
  if (withDryRun && withDryRun.verdict !== 'allow' && enforced.verdict === 'allow' && withDryRun.hit?.policy.dryRun) {
    out.push(decision({ decision: 'observe-deny', policy: id(withDryRun.hit.policy), rule: String(withDryRun.hit.rule), reason: `dry-run policy would deny ${hop}: ${withDryRun.why}` }));
  }
  const hit = enforced.hit;
  const base = hit ? { policy: id(hit.policy), ...(hit.policy.resourceVersion ? { version: hit.policy.resourceVersion } : {}), ...(hit.rule >= 0 ? { rule: String(hit.rule) } : {}) } : { policy: '(default)' };
  out.push(decision({ decision: enforced.verdict, ...base, reason: `${hop} ${enforced.verdict === 'allow' ? 'allowed' : enforced.verdict === 'deny' ? 'denied' : 'conditional'} for ${who}: ${enforced.why}` }));
  return out;
}

interface Outcome {
  verdict: 'allow' | 'deny' | 'conditional';
  hit?: Hit;
  why: string;
}

function evaluate(policies: AuthorizationPolicy[], req: MeshRequest): Outcome {
  const by = (action: Action) => policies.filter((p) => (p.action ?? 'ALLOW') === action);
  const note = (h: Hit) => (h.notes.length ? ` (${h.notes.join('; ')})` : '');
  const custom = firstHit(by('CUSTOM'), req, 'CUSTOM');
  if (custom) return { verdict: 'conditional', hit: custom, why: `CUSTOM policy ${id(custom.policy)} rule ${custom.rule} sends it to the external authorizer ${custom.policy.provider?.name ?? '(unnamed)'}, which decides${note(custom)}` };
  const deny = firstHit(by('DENY'), req, 'DENY');
  if (deny) return { verdict: deny.match === 'yes' ? 'deny' : 'conditional', hit: deny, why: `DENY policy ${id(deny.policy)} rule ${deny.rule} ${deny.match === 'yes' ? 'matches' : 'may match'}${note(deny)}` };
  const allows = by('ALLOW');
  if (allows.length === 0) return { verdict: 'allow', why: 'no ALLOW policy applies, so Istio allows it' };
  const allow = firstHit(allows, req, 'ALLOW');
  if (allow) return { verdict: allow.match === 'yes' ? 'allow' : 'conditional', hit: allow, why: `ALLOW policy ${id(allow.policy)} rule ${allow.rule} ${allow.match === 'yes' ? 'matches' : 'may match'}${note(allow)}` };
  return { verdict: 'deny', hit: { policy: allows[0]!, rule: -1, match: 'no', notes: [] }, why: `ALLOW policies apply (${allows.map(id).join(', ')}) and none matches` };
}

/** The first rule that matches outright, else the first that may match. */
function firstHit(policies: AuthorizationPolicy[], req: MeshRequest, action: Action): Hit | undefined {
  let maybe: Hit | undefined;
  for (const policy of policies) {
    for (const [i, rule] of (policy.rules ?? []).entries()) {
      const { match, notes } = matchRule(rule, req, action);
      if (match === 'yes') return { policy, rule: i, match, notes };
      if (match === 'maybe') maybe ??= { policy, rule: i, match, notes };
    }
  }
  return maybe;
}

/** The mesh principal of a pod's service account (`cluster.local/ns/<ns>/sa/<name>`). */
export function principalOf(ctx: PolicyContext, w: Workload): string | undefined {
  const sa = ctx.model.k8s.workloads.get(w.id)?.serviceAccount;
  const m = sa?.match(/^system:serviceaccount:([^:]+):(.+)$/);
  return m ? `${TRUST_DOMAIN}/ns/${m[1]}/sa/${m[2]}` : undefined;
}
