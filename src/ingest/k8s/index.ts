/**
 * Kubernetes manifests and Istio security objects: multi-document YAML, `kind: List`,
 * `kubectl get -A -o yaml` dumps, Helm or kustomize output. Workload ids are
 * `<namespace>/<name>` of the owning controller; service accounts are
 * `system:serviceaccount:<ns>:<name>`.
 */
import type { z } from 'zod';
import { tier as tierSchema } from '../../model/native-schema.js';
import type { Tier, Workload } from '../../model/model.js';
import type { AuthzRule, K8sWorkloadInfo, NetworkPolicyRule, PodSecurity } from '../../model/k8s.js';
import type { IngestContext } from '../context.js';
import type { ParsedDoc, PathSegment } from '../parse.js';
import { validate } from '../zod-problems.js';
import * as S from './schema.js';
import { pendingOf, type PendingWorkload } from './pending.js';

const TEMPLATE_PATH: Record<string, PathSegment[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

const ISTIO_GROUPS = new Set(['security.istio.io/v1', 'security.istio.io/v1beta1']);

export function isKubernetes(value: unknown): boolean {
  const v = value as { apiVersion?: unknown; kind?: unknown };
  return typeof v.apiVersion === 'string' && typeof v.kind === 'string' && v.apiVersion !== 'lateral/v1';
}

export function ingestKubernetes(ctx: IngestContext, doc: ParsedDoc): void {
  ingestObject(ctx, doc, [], doc.value as Record<string, unknown>);
}

function ingestObject(ctx: IngestContext, doc: ParsedDoc, at: PathSegment[], obj: Record<string, unknown>): void {
  const kind = String(obj.kind);
  const apiVersion = String(obj.apiVersion);
  const k8s = ctx.model.k8s;
  const check = <T extends z.ZodType>(schema: T) => validate(ctx, doc, at, schema, obj);
  if (kind === 'List' || kind.endsWith('List')) {
    const items = obj.items;
    if (!Array.isArray(items)) return ctx.problem(doc, [...at, 'items'], 'expected a list of objects');
    items.forEach((item, i) => {
      if (isKubernetes(item ?? {})) ingestObject(ctx, doc, [...at, 'items', i], item as Record<string, unknown>);
      else ctx.skip(doc, 'unrecognised', `items[${i}] is not a Kubernetes object`);
    });
    return;
  }
  if (TEMPLATE_PATH[kind] && (apiVersion === 'v1' || apiVersion.startsWith('apps/') || apiVersion.startsWith('batch/'))) {
    const parsed = validate(ctx, doc, at, S.metadata, obj.metadata ?? {});
    const tpl = validate(ctx, doc, [...at, ...TEMPLATE_PATH[kind]!], kind === 'Pod' ? S.podTemplate : S.podTemplate, kind === 'Pod' ? { metadata: obj.metadata, spec: obj.spec ?? {} } : dig(obj, TEMPLATE_PATH[kind]!) ?? {});
    if (!parsed || !tpl) return;
    pendingOf(ctx).workloads.push(workloadOf(ctx, doc, at, kind, parsed, tpl));
    return;
  }
  switch (`${apiVersion.startsWith('security.istio.io/') ? 'istio' : apiVersion}:${kind}`) {
    case 'v1:Namespace': {
      const ns = check(S.namespace);
      if (!ns) return;
      const meta = ns.metadata;
      const existing = ctx.model.namespaces.find((n) => n.name === meta.name);
      const labels = { 'kubernetes.io/metadata.name': meta.name, ...(meta.labels ?? {}) };
      const props = { labels, ...markings(ctx, doc, at, meta) };
      if (existing) Object.assign(existing, { ...props, labels: { ...existing.labels, ...labels } });
      else ctx.model.namespaces.push({ name: meta.name, isolation: {}, source: ctx.source(doc, at), ...props });
      return;
    }
    case 'v1:Service': {
      const svc = check(S.service);
      if (!svc) return;
      k8s.services.push({
        source: ctx.source(doc, at),
        namespace: svc.metadata.namespace ?? 'default',
        name: svc.metadata.name,
        ...(svc.spec.selector ? { selector: svc.spec.selector } : {}),
        ...(svc.spec.type ? { type: svc.spec.type } : {}),
        ports: (svc.spec.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}), protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })),
      });
      return;
    }
    case 'v1:ServiceAccount': {
      const sa = check(S.serviceAccount);
      if (!sa) return;
      const ns = sa.metadata.namespace ?? 'default';
      pendingOf(ctx).serviceAccounts.set(saId(ns, sa.metadata.name), { automount: sa.automountServiceAccountToken, ...markings(ctx, doc, at, sa.metadata), source: ctx.source(doc, at) });
      return;
    }
    case 'v1:Secret': {
      const secret = check(S.secret);
      if (!secret) return;
      const ns = secret.metadata.namespace ?? 'default';
      const saName = secret.metadata.annotations?.['kubernetes.io/service-account.name'];
      const holds = secret.type === 'kubernetes.io/service-account-token' && saName ? [saId(ns, saName)] : [];
      ctx.model.resources.push({
        id: `secret:${ns}/${secret.metadata.name}`,
        name: secret.metadata.name,
        type: 'secret',
        namespace: ns,
        holds,
        ...markings(ctx, doc, at, secret.metadata),
        source: ctx.source(doc, at),
      });
      return;
    }
    case 'networking.k8s.io/v1:NetworkPolicy': {
      const np = check(S.networkPolicy);
      if (!np) return;
      const rules = (list: { from?: unknown; to?: unknown; ports?: unknown }[] | null | undefined, peerKey: 'from' | 'to'): NetworkPolicyRule[] | undefined =>
        list?.map((r) => {
          const peers = r[peerKey] as NonNullable<z.infer<typeof S.networkPolicy>['spec']['ingress']>[number]['from'];
          const ports = r.ports as NonNullable<z.infer<typeof S.networkPolicy>['spec']['ingress']>[number]['ports'];
          return {
            ...(peers ? { peers: peers.map((p) => clean({ podSelector: p.podSelector ? selector(p.podSelector) : undefined, namespaceSelector: p.namespaceSelector ? selector(p.namespaceSelector) : undefined, ipBlock: p.ipBlock ? clean({ cidr: p.ipBlock.cidr, except: p.ipBlock.except ?? undefined }) : undefined })) } : {}),
            ...(ports ? { ports: ports.map((p) => clean({ protocol: p.protocol, port: p.port, endPort: p.endPort })) } : {}),
          };
        });
      k8s.networkPolicies.push(
        clean({
          source: ctx.source(doc, at),
          namespace: np.metadata.namespace ?? 'default',
          name: np.metadata.name,
          resourceVersion: np.metadata.resourceVersion,
          podSelector: selector(np.spec.podSelector),
          policyTypes: np.spec.policyTypes ?? undefined,
          ingress: rules(np.spec.ingress, 'from'),
          egress: rules(np.spec.egress, 'to'),
        }),
      );
      return;
    }
    case 'istio:AuthorizationPolicy': {
      if (!ISTIO_GROUPS.has(apiVersion)) break;
      const ap = check(S.authorizationPolicy);
      if (!ap) return;
      const spec = ap.spec ?? {};
      k8s.authorizationPolicies.push(
        clean({
          source: ctx.source(doc, at),
          namespace: ap.metadata.namespace ?? 'default',
          name: ap.metadata.name,
          resourceVersion: ap.metadata.resourceVersion,
          selector: spec.selector ? { matchLabels: spec.selector.matchLabels ?? {} } : undefined,
          targetRefs: spec.targetRefs ?? (spec.targetRef ? [spec.targetRef] : undefined),
          action: spec.action,
          provider: spec.provider ?? undefined,
          dryRun: ap.metadata.annotations?.['istio.io/dry-run'] === 'true' ? true : undefined,
          rules: spec.rules?.map(
            (r): AuthzRule =>
              clean({
                from: r.from?.map((f) => ({ source: f.source })),
                to: r.to?.map((t) => ({ operation: t.operation })),
                when: r.when?.map((w) => clean({ key: w.key, values: w.values ?? undefined, notValues: w.notValues ?? undefined })),
              }),
          ),
        }),
      );
      return;
    }
    case 'istio:PeerAuthentication': {
      if (!ISTIO_GROUPS.has(apiVersion)) break;
      const pa = check(S.peerAuthentication);
      if (!pa) return;
      const spec = pa.spec ?? {};
      k8s.peerAuthentications.push(
        clean({
          source: ctx.source(doc, at),
          namespace: pa.metadata.namespace ?? 'default',
          name: pa.metadata.name,
          resourceVersion: pa.metadata.resourceVersion,
          selector: spec.selector ? { matchLabels: spec.selector.matchLabels ?? {} } : undefined,
          mtls: spec.mtls ?? undefined,
          portLevelMtls: spec.portLevelMtls ?? undefined,
        }),
      );
      return;
    }
    case 'rbac.authorization.k8s.io/v1:Role':
    case 'rbac.authorization.k8s.io/v1:ClusterRole': {
      const r = check(S.role);
      if (!r) return;
      k8s.roles.push(
        clean({
          source: ctx.source(doc, at),
          kind: kind as 'Role' | 'ClusterRole',
          namespace: kind === 'Role' ? (r.metadata.namespace ?? 'default') : undefined,
          name: r.metadata.name,
          labels: r.metadata.labels ?? {},
          rules: (r.rules ?? []).map((x) => ({ apiGroups: x.apiGroups ?? [], resources: x.resources ?? [], verbs: x.verbs, resourceNames: x.resourceNames ?? [], nonResourceURLs: x.nonResourceURLs ?? [] })),
          aggregationRule: r.aggregationRule ? { clusterRoleSelectors: (r.aggregationRule.clusterRoleSelectors ?? []).map(selector) } : undefined,
        }),
      );
      return;
    }
    case 'rbac.authorization.k8s.io/v1:RoleBinding':
    case 'rbac.authorization.k8s.io/v1:ClusterRoleBinding': {
      const b = check(S.roleBinding);
      if (!b) return;
      const ns = kind === 'RoleBinding' ? (b.metadata.namespace ?? 'default') : undefined;
      k8s.bindings.push(
        clean({
          source: ctx.source(doc, at),
          kind: kind as 'RoleBinding' | 'ClusterRoleBinding',
          namespace: ns,
          name: b.metadata.name,
          roleRef: { kind: b.roleRef.kind, name: b.roleRef.name },
          // A ServiceAccount subject without a namespace means the binding's own (RoleBinding) namespace.
          subjects: (b.subjects ?? []).map((s) => clean({ kind: s.kind, name: s.name, namespace: s.kind === 'ServiceAccount' ? (s.namespace ?? ns) : undefined })),
        }),
      );
      return;
    }
  }
  ctx.skip(doc, 'unread-kind', `${apiVersion} ${kind} is not read by lateral`, kind);
}

function workloadOf(
  ctx: IngestContext,
  doc: ParsedDoc,
  at: PathSegment[],
  kind: string,
  meta: z.infer<typeof S.metadata>,
  tpl: z.infer<typeof S.podTemplate>,
): PendingWorkload {
  const namespace = meta.namespace ?? 'default';
  const spec = tpl.spec;
  const containers = [...spec.containers, ...(spec.initContainers ?? [])];
  const security: PodSecurity = {
    privileged: containers.some((c) => c.securityContext?.privileged === true),
    hostPID: spec.hostPID === true,
    hostIPC: spec.hostIPC === true,
    hostNetwork: spec.hostNetwork === true,
    hostPaths: (spec.volumes ?? []).flatMap((v) => (v.hostPath ? [v.hostPath.path] : [])).sort(),
    capabilities: [...new Set(containers.flatMap((c) => c.securityContext?.capabilities?.add ?? []).map((c) => c.toUpperCase().replace(/^CAP_/, '')))].sort(),
  };
  const podLabels = kind === 'Pod' ? (meta.labels ?? {}) : (tpl.metadata?.labels ?? {});
  const annotations = { ...(kind === 'Pod' ? {} : (meta.annotations ?? {})), ...(tpl.metadata?.annotations ?? meta.annotations ?? {}) };
  const sa = spec.serviceAccountName ?? spec.serviceAccount ?? 'default';
  const workload: Workload = {
    id: `${namespace}/${meta.name}`,
    name: meta.name,
    namespace,
    kind,
    labels: podLabels,
    identities: [],
    ports: spec.containers.flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, ...(p.name ? { name: p.name } : {}), protocol: p.protocol ?? 'TCP' }))),
    isolation: {},
    ...markings(ctx, doc, at, meta, tpl.metadata ?? undefined),
    source: ctx.source(doc, at),
  };
  const info: K8sWorkloadInfo = { serviceAccount: saId(namespace, sa), annotations, security, secrets: secretRefs(namespace, spec), ...(spec.nodeName ? { node: spec.nodeName } : {}) };
  const owner = meta.ownerReferences?.find((o) => o.controller === true);
  return { workload, info, automount: spec.automountServiceAccountToken, ...(owner ? { owner: `${namespace}/${owner.name}` } : {}) };
}

/** Secrets a pod spec reads: env secretKeyRef, envFrom secretRef, secret and projected volumes. */
function secretRefs(namespace: string, spec: z.infer<typeof S.podSpec>): string[] {
  const names = [
    ...[...spec.containers, ...(spec.initContainers ?? [])].flatMap((c) => [
      ...(c.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name),
      ...(c.envFrom ?? []).map((e) => e.secretRef?.name),
    ]),
    ...(spec.volumes ?? []).flatMap((v) => [v.secret?.secretName, ...(v.projected?.sources ?? []).map((s) => s.secret?.name)]),
  ];
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))].map((n) => `secret:${namespace}/${n}`).sort();
}

export function saId(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/**
 * `lateral.dev/tier`, `lateral.dev/owner` and `lateral.dev/exploitable` from labels or
 * annotations; a later object of `metas` (the pod template) wins over an earlier one.
 */
function markings(
  ctx: IngestContext,
  doc: ParsedDoc,
  at: PathSegment[],
  ...metas: ({ labels?: Record<string, string> | null; annotations?: Record<string, string> | null } | undefined)[]
): { owner?: string; tier?: Tier; exploitable?: boolean } {
  const out: { owner?: string; tier?: Tier; exploitable?: boolean } = {};
  for (const m of metas) {
    for (const [where, map] of [['labels', m?.labels], ['annotations', m?.annotations]] as const) {
      const owner = map?.['lateral.dev/owner'];
      if (owner) out.owner = owner;
      const raw = map?.['lateral.dev/tier'];
      if (raw !== undefined) {
        const t = tierSchema.safeParse(raw);
        if (t.success) out.tier = t.data;
        else ctx.problem(doc, [...at, 'metadata', where, 'lateral.dev/tier'], `expected "0", "1" or "2", got "${raw}"`);
      }
      const exploitable = map?.['lateral.dev/exploitable'];
      if (exploitable === 'true' || exploitable === 'false') out.exploitable = exploitable === 'true';
      else if (exploitable !== undefined) ctx.problem(doc, [...at, 'metadata', where, 'lateral.dev/exploitable'], `expected "true" or "false", got "${exploitable}"`);
    }
  }
  return out;
}

function selector(s: z.infer<typeof S.labelSelector>) {
  return clean({
    matchLabels: s.matchLabels ?? undefined,
    matchExpressions: s.matchExpressions?.map((e) => clean({ key: e.key, operator: e.operator, values: e.values ?? undefined })),
  });
}

function dig(obj: unknown, path: readonly PathSegment[]): unknown {
  let cur = obj;
  for (const seg of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}

/** Drops undefined fields, so outputs and deep-equality stay clean. */
function clean<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}
