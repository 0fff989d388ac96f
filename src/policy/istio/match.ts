/**
 * Whether one AuthorizationPolicy rule matches a request (Authorization Policy reference):
 * `from` sources are ORed, fields inside a source ANDed, values inside a field ORed; the
 * same for `to` operations; `when` conditions are ANDed; from, to and when are ANDed. A
 * `not*` field matches when the value is not listed.
 *
 * The answer is three-valued: `maybe` when the rule depends on something a probe cannot
 * know (a request header, the destination IP) — reported as conditional, never guessed.
 * HTTP attributes the probe does not give are the attacker's choice: an ALLOW rule
 * constraining them matches (some request satisfies it), a DENY rule matches only if it
 * matches every value.
 */
import ipaddr from 'ipaddr.js';
import type { AuthzOperation, AuthzRule, AuthzSource } from '../../model/k8s.js';

export type Match = 'yes' | 'no' | 'maybe';

export interface MeshRequest {
  /** `cluster.local/ns/<ns>/sa/<name>` when the client presents a mesh certificate. */
  principal?: string;
  /** Source address for clients outside the cluster. */
  ip?: string;
  port: number;
  http: boolean;
  method?: string;
  path?: string;
}

export type Action = 'ALLOW' | 'DENY' | 'CUSTOM' | 'AUDIT';

export interface RuleMatch {
  match: Match;
  /** What made it `maybe`, or which fields were ignored on TCP. */
  notes: string[];
}

const HTTP_ONLY_SOURCE: (keyof AuthzSource)[] = ['requestPrincipals', 'notRequestPrincipals'];
const HTTP_ONLY_OPERATION: (keyof AuthzOperation)[] = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];

/**
 * Istio on TCP traffic ("Authorization Policy for TCP traffic"): an ALLOW rule that uses an
 * HTTP-only field never matches; in a DENY (or CUSTOM) rule the HTTP-only fields are dropped,
 * so the rule matches more — the most restrictive reading.
 */
export function matchRule(rule: AuthzRule, req: MeshRequest, action: Action): RuleMatch {
  const notes: string[] = [];
  const strict = action === 'ALLOW' || action === 'AUDIT';
  if (!req.http && usesHttpOnly(rule)) {
    if (strict) return { match: 'no', notes: ['uses HTTP-only fields, which never match TCP traffic in an ALLOW rule'] };
    notes.push('HTTP-only fields are ignored for TCP traffic, so the rule matches more');
  }
  const parts: Match[] = [];
  if (rule.from?.length) parts.push(any(rule.from.map((f) => source(f.source ?? {}, req))));
  if (rule.to?.length) parts.push(any(rule.to.map((t) => operation(t.operation ?? {}, req, strict))));
  for (const w of rule.when ?? []) parts.push(condition(w, req, notes));
  return { match: all(parts), notes };
}

function usesHttpOnly(rule: AuthzRule): boolean {
  return (
    (rule.from ?? []).some((f) => HTTP_ONLY_SOURCE.some((k) => f.source?.[k] !== undefined)) ||
    (rule.to ?? []).some((t) => HTTP_ONLY_OPERATION.some((k) => t.operation?.[k] !== undefined)) ||
    (rule.when ?? []).some((w) => w.key.startsWith('request.'))
  );
}

function any(ms: Match[]): Match {
  return ms.includes('yes') ? 'yes' : ms.includes('maybe') ? 'maybe' : 'no';
}

function all(ms: Match[]): Match {
  return ms.includes('no') ? 'no' : ms.includes('maybe') ? 'maybe' : 'yes';
}

/** Istio string match: exact, `prefix*`, `*suffix`, or `*` (any non-empty value). */
export function stringMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return value !== '';
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return pattern === value;
}

/** Paths also take templates: `{*}` one segment, `{**}` the rest. */
function pathMatch(pattern: string, path: string): boolean {
  if (!pattern.includes('{')) return stringMatch(pattern, path);
  const re = new RegExp(`^${pattern.split(/(\{\*\*\}|\{\*\})/).map((s) => (s === '{**}' ? '.*' : s === '{*}' ? '[^/]+' : s.replace(/[.+?^${}()|[\]\\*]/g, '\\$&'))).join('')}$`);
  return re.test(path);
}

/** A listed field on a known value; on an absent value `positive` fields fail and `not*` fields pass. */
function field(values: string[] | undefined, negated: string[] | undefined, value: string | undefined, eq: (p: string, v: string) => boolean): Match[] {
  const out: Match[] = [];
  if (values !== undefined) out.push(value !== undefined && values.some((p) => eq(p, value)) ? 'yes' : 'no');
  if (negated !== undefined) out.push(value !== undefined && negated.some((p) => eq(p, value)) ? 'no' : 'yes');
  return out;
}

export function namespaceOf(principal: string | undefined): string | undefined {
  return principal?.match(/\/ns\/([^/]+)\/sa\//)?.[1];
}

function ipMatch(cidr: string, ip: string): boolean {
  try {
    const addr = ipaddr.process(ip);
    const [net, bits] = cidr.includes('/') ? ipaddr.parseCIDR(cidr) : [ipaddr.process(cidr), ipaddr.process(cidr).kind() === 'ipv4' ? 32 : 128];
    return addr.kind() === net.kind() && addr.match(net as typeof addr, bits);
  } catch {
    return false;
  }
}

function source(s: AuthzSource, req: MeshRequest): Match {
  return all([
    ...field(s.principals, s.notPrincipals, req.principal, stringMatch),
    ...field(s.namespaces, s.notNamespaces, namespaceOf(req.principal), stringMatch),
    // Probes carry no JWT: there is no request principal.
    ...(req.http ? field(s.requestPrincipals, s.notRequestPrincipals, undefined, stringMatch) : []),
    ...field(s.ipBlocks, s.notIpBlocks, req.ip, ipMatch),
    ...field(s.remoteIpBlocks, s.notRemoteIpBlocks, req.ip, ipMatch),
  ]);
}

/**
 * An HTTP attribute the probe leaves open: an ALLOW rule matches when some value satisfies
 * it; a DENY rule only when every value does (a positive list holding `*`).
 */
function chosen(values: string[] | undefined, negated: string[] | undefined, strict: boolean): Match[] {
  const out: Match[] = [];
  if (values !== undefined) out.push(strict ? (values.length > 0 ? 'yes' : 'no') : values.includes('*') ? 'yes' : 'no');
  if (negated !== undefined) out.push(strict ? (negated.includes('*') ? 'no' : 'yes') : 'no');
  return out;
}

function operation(o: AuthzOperation, req: MeshRequest, strict: boolean): Match {
  const port = String(req.port);
  const parts: Match[] = [...field(o.ports, o.notPorts, port, (p, v) => p === v)];
  if (req.http) {
    parts.push(...chosen(o.hosts, o.notHosts, strict));
    parts.push(...(req.method !== undefined ? field(o.methods, o.notMethods, req.method, stringMatch) : chosen(o.methods, o.notMethods, strict)));
    parts.push(...(req.path !== undefined ? field(o.paths, o.notPaths, req.path, pathMatch) : chosen(o.paths, o.notPaths, strict)));
  }
  return all(parts);
}

function condition(w: { key: string; values?: string[]; notValues?: string[] }, req: MeshRequest, notes: string[]): Match {
  const known = (value: string | undefined, eq: (p: string, v: string) => boolean = stringMatch) => all(field(w.values, w.notValues, value, eq));
  switch (w.key) {
    case 'source.principal':
      return known(req.principal);
    case 'source.namespace':
      return known(namespaceOf(req.principal));
    case 'source.ip':
    case 'remote.ip':
      return known(req.ip, ipMatch);
    case 'destination.port':
      return known(String(req.port), (p, v) => p === v);
    case 'request.auth.principal':
    case 'request.auth.audiences':
    case 'request.auth.presenter':
      return req.http ? known(undefined) : 'yes';
  }
  if (w.key.startsWith('request.auth.claims[')) return req.http ? known(undefined) : 'yes';
  if (!req.http && w.key.startsWith('request.')) return 'yes';
  if (w.key.startsWith('request.headers[')) {
    notes.push(`depends on the request header ${w.key.slice('request.headers['.length, -1)}`);
    return 'maybe';
  }
  notes.push(`depends on ${w.key}, which lateral cannot know`);
  return 'maybe';
}
