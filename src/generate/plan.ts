/**
 * The shape of a synthetic estate, before any document is written: namespaces of uneven
 * size (Zipf: a few big, a long tail), their workloads with tiers, group labels, service
 * accounts, ports and secrets, hub services many others call, and who calls whom. Every
 * other module renders documents from this plan; it holds names and small records only,
 * never documents, so memory stays proportional to the workload count.
 */
import { Rng } from './prng.js';

export interface GenerateOptions {
  workloads: number;
  namespaces?: number;
  seed?: number;
}

export interface Port {
  /** container port name (http, grpc, metrics, postgres, …) */
  name: string;
  port: number;
  /** Service port name: `http-…`, `grpc-…`, `tcp-…` */
  service: string;
}

export interface PlannedWorkload {
  /** global index */
  id: number;
  ns: number;
  name: string;
  component: string;
  tier?: 0 | 1;
  /** a label a group of workloads shares: `tier: backend`, `role: batch`, … */
  group?: [key: string, value: string];
  serviceAccount: string;
  automount: boolean;
  ports: Port[];
  /** an Opaque Secret of its namespace the pod reads (env or volume) */
  secret?: string;
  secretVia?: 'env' | 'volume';
  hub: boolean;
  /** global indices of the workloads it calls */
  calls: number[];
}

export interface PlannedNamespace {
  index: number;
  name: string;
  owner: string;
  tier?: 1;
  workloads: number[];
  istio: boolean;
  strictMtls: boolean;
  defaultDeny: boolean;
  /** some workloads here carry egress policies */
  egress: boolean;
  /** RBAC: a Role that lists secrets, bound to one service account */
  secretReader: boolean;
  /** RBAC: a deployer service account that may create pods and deployments */
  deployer: boolean;
  /** a legacy `kubernetes.io/service-account-token` Secret for the deployer */
  legacyToken: boolean;
}

export interface Plan {
  seed: number;
  namespaces: PlannedNamespace[];
  workloads: PlannedWorkload[];
  /** global index → indices of the workloads calling it */
  callers: number[][];
  hubs: number[];
  /** target NetworkPolicy count (about N/5) and the shares that fill it */
  policyBudget: { total: number; allowProbability: number; egressProbability: number };
  /** the namespace whose service account is bound cluster-wide to a wide role */
  opsNamespace: number;
}

const NAMESPACE_WORDS = [
  'payments', 'checkout', 'storefront', 'catalog', 'identity', 'search', 'platform', 'data', 'analytics', 'messaging',
  'media', 'billing', 'orders', 'inventory', 'shipping', 'support', 'marketing', 'fraud', 'ledger', 'reporting',
  'notifications', 'partners', 'mobile', 'ml', 'ingest', 'security', 'compliance', 'ci', 'monitoring', 'logistics',
];

const HUB_COMPONENTS = ['auth', 'config', 'session', 'feature-flags', 'gateway', 'tokens', 'accounts', 'rate-limiter'];
const COMPONENTS: { word: string; group: [string, string] | undefined; kind: 'http' | 'grpc' | 'worker' }[] = [
  { word: 'frontend', group: ['tier', 'frontend'], kind: 'http' },
  { word: 'web', group: ['tier', 'frontend'], kind: 'http' },
  { word: 'bff', group: ['tier', 'frontend'], kind: 'http' },
  { word: 'api', group: ['tier', 'backend'], kind: 'http' },
  { word: 'orders', group: ['tier', 'backend'], kind: 'grpc' },
  { word: 'pricing', group: ['tier', 'backend'], kind: 'grpc' },
  { word: 'profile', group: ['tier', 'backend'], kind: 'grpc' },
  { word: 'search', group: ['tier', 'backend'], kind: 'http' },
  { word: 'recommender', group: ['tier', 'backend'], kind: 'grpc' },
  { word: 'notifier', group: ['role', 'worker'], kind: 'worker' },
  { word: 'mailer', group: ['role', 'worker'], kind: 'worker' },
  { word: 'indexer', group: ['role', 'worker'], kind: 'worker' },
  { word: 'scheduler', group: ['role', 'batch'], kind: 'worker' },
  { word: 'exporter', group: ['role', 'batch'], kind: 'worker' },
  { word: 'reporting', group: undefined, kind: 'http' },
  { word: 'upload', group: undefined, kind: 'http' },
  { word: 'audit', group: undefined, kind: 'grpc' },
];
const DATASTORES: { word: string; port: Port }[] = [
  { word: 'db', port: { name: 'postgres', port: 5432, service: 'tcp-postgres' } },
  { word: 'vault', port: { name: 'http', port: 8200, service: 'http-vault' } },
  { word: 'mysql', port: { name: 'mysql', port: 3306, service: 'tcp-mysql' } },
  { word: 'cache', port: { name: 'redis', port: 6379, service: 'tcp-redis' } },
];

const HTTP: Port = { name: 'http', port: 8080, service: 'http-web' };
const GRPC: Port = { name: 'grpc', port: 9090, service: 'grpc-api' };
const METRICS: Port = { name: 'metrics', port: 9102, service: 'http-metrics' };

export function defaultNamespaces(workloads: number): number {
  return Math.max(3, Math.round(workloads / 50));
}

export function namespaceName(i: number): string {
  const word = NAMESPACE_WORDS[i % NAMESPACE_WORDS.length]!;
  return i < NAMESPACE_WORDS.length ? word : `${word}-${Math.floor(i / NAMESPACE_WORDS.length) + 1}`;
}

/** Zipf-like sizes summing to `total`, every namespace at least one workload, largest first. */
export function namespaceSizes(total: number, count: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => 1 / (i + 1) ** 1.1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - count;
  const sizes = weights.map((w) => 1 + Math.floor((spare * w) / sum));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % count, left--) sizes[i]!++;
  return sizes;
}

export function makePlan(options: GenerateOptions): Plan {
  const n = options.workloads;
  const m = Math.min(n, options.namespaces ?? defaultNamespaces(n));
  const seed = options.seed ?? 1;
  const rng = Rng.for(seed, 'plan');
  const sizes = namespaceSizes(n, m);
  const cumulative: number[] = [];
  sizes.reduce((acc, s) => (cumulative.push(acc + s), acc + s), 0);

  // Hubs: a shared service per ~200 workloads, placed in namespaces in proportion to their size.
  const hubCount = Math.min(n, Math.max(2, Math.ceil(n / 200)));
  const hubsPer = new Array<number>(m).fill(0);
  for (let h = 0; h < hubCount; h++) {
    let ns = rng.weighted(cumulative);
    // never more hubs than workloads in a namespace
    while (hubsPer[ns]! >= sizes[ns]!) ns = (ns + 1) % m;
    hubsPer[ns]!++;
  }

  const namespaces: PlannedNamespace[] = [];
  const workloads: PlannedWorkload[] = [];
  const hubs: number[] = [];
  for (let i = 0; i < m; i++) {
    const name = namespaceName(i);
    const istio = i === 0 || rng.chance(0.5);
    const ns: PlannedNamespace = {
      index: i,
      name,
      owner: `team-${name.replace(/-\d+$/, '')}`,
      ...(rng.chance(0.15) ? { tier: 1 as const } : {}),
      workloads: [],
      istio,
      strictMtls: istio && rng.chance(0.5),
      defaultDeny: i === 0 || rng.chance(0.4),
      egress: rng.chance(0.2),
      secretReader: i === 0 || rng.chance(0.15),
      deployer: i === 0 || rng.chance(0.1),
      legacyToken: false,
    };
    ns.legacyToken = ns.deployer && (i === 0 || rng.chance(0.5));
    namespaces.push(ns);
    const used = new Map<string, number>();
    const unique = (word: string) => {
      const k = (used.get(word) ?? 0) + 1;
      used.set(word, k);
      return k === 1 ? word : `${word}-${k}`;
    };
    for (let j = 0; j < sizes[i]!; j++) {
      const id = workloads.length;
      const hub = j < hubsPer[i]!;
      const roll = rng.next();
      let w: PlannedWorkload;
      if (hub) {
        const word = HUB_COMPONENTS[j % HUB_COMPONENTS.length]!;
        w = base(id, i, unique(word), word, hub, [j % 2 === 0 ? HTTP : GRPC, METRICS]);
        w.tier = 1;
        w.group = ['tier', 'backend'];
        hubs.push(id);
      } else if (roll < 0.03) {
        // crown jewels: databases and vaults
        const store = rng.pick(DATASTORES.slice(0, 3));
        const word = store.word === 'vault' ? 'vault' : `${rng.pick(COMPONENTS).word}-${store.word}`;
        w = base(id, i, unique(word), store.word, hub, [store.port]);
        w.tier = 0;
        w.group = ['tier', 'data'];
      } else if (roll < 0.08) {
        const store = DATASTORES[3]!;
        const word = `${rng.pick(COMPONENTS).word}-${store.word}`;
        w = base(id, i, unique(word), store.word, hub, [store.port]);
        w.tier = 1;
        w.group = ['tier', 'data'];
      } else {
        const c = rng.pick(COMPONENTS);
        const ports = c.kind === 'http' ? [HTTP, METRICS] : c.kind === 'grpc' ? [GRPC, METRICS] : [METRICS];
        w = base(id, i, unique(c.word), c.word, hub, ports);
        if (c.group && rng.chance(0.8)) w.group = c.group;
        if (rng.chance(0.08)) w.tier = 1;
      }
      // Most workloads run as their own service account; some share one; some opt out of the token.
      w.serviceAccount = rng.chance(0.8) ? w.name : 'shared-apps';
      w.automount = !rng.chance(0.25);
      if (w.tier === 0 || rng.chance(0.2)) {
        w.secret = `${w.name}-credentials`;
        w.secretVia = rng.chance(0.5) ? 'env' : 'volume';
      }
      workloads.push(w);
      ns.workloads.push(id);
    }
  }

  // Calls: each serving or working workload calls one to three others — a hub (the bigger
  // hubs more often) or a neighbour in its own namespace. Datastores call nothing.
  const hubWeights: number[] = [];
  hubs.reduce((acc, _h, k) => (hubWeights.push(acc + 1 / (k + 1)), acc + 1 / (k + 1)), 0);
  const callers: number[][] = workloads.map(() => []);
  const stores = namespaces.map((x) => x.workloads.find((id) => workloads[id]!.tier === 0 || workloads[id]!.component === 'cache'));
  for (const w of workloads) {
    if (w.tier === 0 && !w.hub) continue;
    if (DATASTORES.some((d) => d.word === w.component)) continue;
    const ns = namespaces[w.ns]!;
    const want = rng.int(1, 3);
    const calls = new Set<number>();
    for (let k = 0; k < want; k++) {
      const target = rng.chance(0.5) && hubs.length > 0 ? hubs[rng.weighted(hubWeights)]! : ns.workloads[rng.int(0, ns.workloads.length - 1)]!;
      if (target !== w.id) calls.add(target);
    }
    // the datastore of the namespace, when it has one
    if (rng.chance(0.3)) {
      const store = stores[w.ns];
      if (store !== undefined && store !== w.id) calls.add(store);
    }
    w.calls = [...calls].sort((a, b) => a - b);
    for (const c of w.calls) callers[c]!.push(w.id);
  }

  // NetworkPolicy budget, about N/5: one default-deny per isolated namespace, one allow per hub,
  // one per group, then per-workload allows and egress policies to fill it.
  const total = Math.max(1, Math.round(n / 5));
  const isolated = namespaces.filter((x) => x.defaultDeny);
  const fixed = isolated.length * 3 + hubs.length;
  const egressTarget = Math.round(total * 0.1);
  const candidates = isolated.flatMap((x) => x.workloads).filter((id) => !workloads[id]!.hub && callers[id]!.length > 0).length;
  const egressCandidates = namespaces.filter((x) => x.egress).reduce((a, x) => a + x.workloads.filter((id) => workloads[id]!.calls.length > 0).length, 0);
  const policyBudget = {
    total,
    allowProbability: candidates === 0 ? 0 : Math.min(1, Math.max(0, total - fixed - egressTarget) / candidates),
    egressProbability: egressCandidates === 0 ? 0 : Math.min(1, egressTarget / egressCandidates),
  };
  const opsNamespace = namespaces.find((x) => x.name.startsWith('platform'))?.index ?? m - 1;
  return { seed, namespaces, workloads, callers, hubs, policyBudget, opsNamespace };
}

function base(id: number, ns: number, name: string, component: string, hub: boolean, ports: Port[]): PlannedWorkload {
  return { id, ns, name, component, serviceAccount: name, automount: true, ports, hub, calls: [] };
}
