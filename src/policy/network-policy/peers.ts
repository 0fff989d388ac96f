/**
 * NetworkPolicy peers and ports, compiled once. A peer is a pod/namespace selector pair or
 * an ipBlock; peers in one list are ORed, the selectors inside one peer are ANDed.
 */
import ipaddr from 'ipaddr.js';
import type { LabelSelector, NetworkPolicyPeer, NetworkPolicyRule } from '../../model/k8s.js';
import type { Protocol, Workload } from '../../model/model.js';
import type { PolicyContext } from '../context.js';
import type { Endpoint } from '../hop.js';
import { compileSelector, describeSelector, type CompiledSelector } from './selector.js';

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export interface CompiledPeer {
  matches(ctx: PolicyContext, e: Endpoint): boolean;
  text: string;
  /** Which pods it can match at all: none (an ipBlock or an empty peer), those of one namespace, or any. */
  pods: 'none' | 'any' | { namespace: string };
  /**
   * To index peers by: every pod it matches carries one of `podLabels`, in a namespace
   * carrying one of `namespaceLabels` (labelKey strings); absent where nothing is required.
   */
  podLabels?: readonly string[];
  namespaceLabels?: readonly string[];
}

export interface CompiledPort {
  protocol: Protocol;
  port?: number | string;
  endPort?: number;
}

export interface CompiledRule {
  index: number;
  /** undefined: every peer */
  peers?: CompiledPeer[];
  /** undefined: every port */
  ports?: CompiledPort[];
}

export function compileRule(rule: NetworkPolicyRule, index: number, policyNamespace: string): CompiledRule {
  return {
    index,
    ...(rule.peers?.length ? { peers: rule.peers.map((p) => compilePeer(p, policyNamespace)) } : {}),
    ...(rule.ports?.length ? { ports: rule.ports.map((p) => ({ protocol: p.protocol ?? 'TCP', ...(p.port !== undefined ? { port: asPort(p.port) } : {}), ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) })) } : {}),
  };
}

/** A port given as a numeric string is a number; any other string is a port name. */
function asPort(p: number | string): number | string {
  return typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p;
}

function compilePeer(peer: NetworkPolicyPeer, policyNamespace: string): CompiledPeer {
  if (peer.ipBlock) {
    const cidr = parseCidr(peer.ipBlock.cidr);
    const except = (peer.ipBlock.except ?? []).map(parseCidr);
    return {
      // Pods have no address in the inputs, so an ipBlock matches only endpoints given as IP
      // literals: the Kubernetes reference says ipBlock ranges "should be cluster-external IPs,
      // since Pod IPs are ephemeral and unpredictable".
      matches: (_ctx, e) => {
        if (!('ip' in e) || !cidr) return false;
        const at = parseEndpoint(e.ip);
        return at !== undefined && someAddressIn(at, cidr, except);
      },
      text: `ipBlock ${peer.ipBlock.cidr}${peer.ipBlock.except?.length ? ` except ${peer.ipBlock.except.join(', ')}` : ''}`,
      pods: 'none',
    };
  }
  if (!peer.podSelector && !peer.namespaceSelector) return { matches: () => false, text: '(empty peer: matches nothing)', pods: 'none' };
  const pod: CompiledSelector | undefined = peer.podSelector ? compileSelector(peer.podSelector) : undefined;
  const ns: CompiledSelector | undefined = peer.namespaceSelector ? compileSelector(peer.namespaceSelector) : undefined;
  const text = [
    peer.podSelector ? `pods ${describeSelector(peer.podSelector)}` : 'all pods',
    peer.namespaceSelector ? `in namespaces ${describeSelector(peer.namespaceSelector)}` : `in namespace ${policyNamespace}`,
  ].join(' ');
  return {
    matches: (ctx, e) => {
      if (!('workload' in e)) return false;
      const w = e.workload;
      // podSelector alone selects pods of the policy's own namespace.
      const nsOk = ns ? ns(namespaceLabels(ctx, w)) : w.namespace === policyNamespace;
      return nsOk && (pod ? pod(w.labels) : true);
    },
    text,
    pods: ns ? 'any' : { namespace: policyNamespace },
    ...(requiredLabels(peer.podSelector) ? { podLabels: requiredLabels(peer.podSelector)! } : {}),
    ...(requiredLabels(peer.namespaceSelector) ? { namespaceLabels: requiredLabels(peer.namespaceSelector)! } : {}),
  };
}

/** Labels of which anything `sel` selects carries one: a matchLabels entry, or the values of an `In`. */
function requiredLabels(sel: LabelSelector | undefined): string[] | undefined {
  const first = Object.entries(sel?.matchLabels ?? {})[0];
  if (first) return [labelKey(first[0], first[1])];
  const among = sel?.matchExpressions?.find((e) => e.operator === 'In');
  return among ? (among.values ?? []).map((v) => labelKey(among.key, v)) : undefined;
}

export function labelKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

export function namespaceLabels(ctx: PolicyContext, w: Workload): Record<string, string> {
  return ctx.namespace(w.namespace)?.labels ?? { 'kubernetes.io/metadata.name': w.namespace };
}

/**
 * Whether a port entry admits `port/protocol` at `dst`. A named port is looked up on the
 * destination pod, for ingress and egress rules alike; an IP destination has no names.
 */
export function portMatches(p: CompiledPort, port: number, protocol: Protocol, dst: Endpoint): boolean {
  if (p.protocol !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number') return p.endPort !== undefined && p.endPort >= p.port ? port >= p.port && port <= p.endPort : port === p.port;
  if (!('workload' in dst)) return false;
  return dst.workload.ports.some((cp) => cp.name === p.port && cp.protocol === protocol && cp.port === port);
}

export function describePort(p: CompiledPort): string {
  if (p.port === undefined) return `any port/${p.protocol}`;
  return `${p.port}${p.endPort !== undefined && typeof p.port === 'number' ? `-${p.endPort}` : ''}/${p.protocol}`;
}

/** An endpoint literal as a range: an address is its own /32 or /128. */
function parseEndpoint(literal: string): Cidr | undefined {
  if (literal.includes('/')) return parseCidr(literal);
  try {
    // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is the IPv4 address.
    const addr = ipaddr.process(literal);
    return [addr, addr.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}

function parseCidr(cidr: string): Cidr | undefined {
  try {
    const [addr, bits] = ipaddr.parseCIDR(cidr);
    return [addr, bits];
  } catch {
    return undefined;
  }
}

/** `inner` lies inside `outer` (same family, longer or equal prefix, base address inside). */
function within(inner: Cidr, outer: Cidr): boolean {
  if (inner[0].kind() !== outer[0].kind()) return false;
  return inner[1] >= outer[1] && inner[0].match(outer as [typeof inner[0], number]);
}

/**
 * Whether some address of the endpoint range is inside `cidr` and outside every `except`
 * (an address endpoint is a one-address range; an attacker picks any address of a CIDR).
 */
function someAddressIn(at: Cidr, cidr: Cidr, except: readonly (Cidr | undefined)[]): boolean {
  const overlap = within(at, cidr) ? at : within(cidr, at) ? cidr : undefined;
  if (!overlap) return false;
  return !except.some((x) => x !== undefined && within(overlap, x));
}
