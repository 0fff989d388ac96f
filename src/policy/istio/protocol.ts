/**
 * The protocol Istio applies to traffic for a pod port ("Protocol Selection"): the
 * `appProtocol` of a Service port targeting it, else the port name's prefix
 * (`<protocol>[-<suffix>]`). Authorization sees HTTP attributes only for HTTP-family
 * protocols; TLS, HTTPS (passed through), TCP and the database protocols are TCP to it.
 * An undeclared port is sniffed: HTTP when the request is HTTP.
 */
import type { Service } from '../../model/k8s.js';
import type { Workload } from '../../model/model.js';
import type { PolicyContext } from '../context.js';

export type MeshProtocol = 'http' | 'tcp';

const HTTP = new Set(['http', 'http2', 'grpc', 'grpc-web', 'h2c']);
const TCP = new Set(['tcp', 'tls', 'https', 'mongo', 'mysql', 'redis', 'kafka', 'zookeeper', 'udp']);

function classify(name: string | undefined): MeshProtocol | undefined {
  if (!name) return undefined;
  const lower = name.toLowerCase();
  const prefix = lower.includes('-') && !lower.startsWith('grpc-web') ? lower.slice(0, lower.indexOf('-')) : lower.startsWith('grpc-web') ? 'grpc-web' : lower;
  if (HTTP.has(prefix)) return 'http';
  if (TCP.has(prefix)) return 'tcp';
  return undefined;
}

/** The declared protocol of `port` on `w`, or undefined when no Service declares it. */
export function protocolFor(ctx: PolicyContext, w: Workload, port: number): MeshProtocol | undefined {
  // Asked for every hop to a port: kept per workload and port.
  const memo = ctx.memo('protocol-for', () => new Map<Workload, Map<number, MeshProtocol | undefined>>());
  let ports = memo.get(w);
  if (!ports) memo.set(w, (ports = new Map()));
  if (!ports.has(port)) ports.set(port, declaredProtocol(ctx, w, port));
  return ports.get(port);
}

function declaredProtocol(ctx: PolicyContext, w: Workload, port: number): MeshProtocol | undefined {
  for (const s of selectingServices(ctx, w)) {
    for (const p of s.ports) {
      const target = p.targetPort ?? p.port;
      const number = typeof target === 'number' ? target : /^\d+$/.test(target) ? Number(target) : w.ports.find((cp) => cp.name === target)?.port;
      if (number !== port) continue;
      const declared = classify(p.appProtocol) ?? classify(p.name);
      if (declared) return declared;
    }
  }
  return undefined;
}

/** The Services selecting `w`, by name; asked once per port, so kept per workload. */
function selectingServices(ctx: PolicyContext, w: Workload): Service[] {
  const memo = ctx.memo('services-selecting', () => new Map<Workload, Service[]>());
  let found = memo.get(w);
  if (!found) {
    const byLabel = ctx.memo('services-by-first-label', () => servicesByFirstLabel(ctx.model.k8s.services));
    // A selecting Service's first selector label is one of w's labels: look only there.
    found = Object.entries(w.labels)
      .flatMap(([k, v]) => byLabel.get(labelKey(w.namespace, k, v)) ?? [])
      .filter((s) => Object.entries(s.selector!).every(([k, v]) => w.labels[k] === v))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    memo.set(w, found);
  }
  return found;
}

const labelKey = (namespace: string, k: string, v: string) => `${namespace}\u0000${k}\u0000${v}`;

/** Services with a selector, by namespace and the first label of the selector in key order. */
function servicesByFirstLabel(services: readonly Service[]): Map<string, Service[]> {
  const out = new Map<string, Service[]>();
  for (const s of services) {
    const first = Object.keys(s.selector ?? {}).sort()[0];
    if (first === undefined) continue;
    const key = labelKey(s.namespace, first, s.selector![first]!);
    const list = out.get(key);
    if (list) list.push(s);
    else out.set(key, [s]);
  }
  return out;
}
