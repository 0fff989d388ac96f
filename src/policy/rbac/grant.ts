/**
 * Action probes on Kubernetes objects, decided by the RBAC authorizer: `{ from: <subject>,
 * action: <verb>, resource: <object> }`. The object is a node id — `secret:<ns>/<name>`, a
 * service account, `node:<name>`, a workload (its controller's resource: deployments.apps…) —
 * or any request `<resource>[.<group>][/<subresource>]:[<ns>/]<name>`, where the name `*` is
 * the collection (list, watch, create carry no name, so resourceNames never match them).
 */
import { UsageError } from '../../model/errors.js';
import type { PolicyContext } from '../context.js';
import type { Decision } from '../decision.js';
import type { GrantRequest } from '../grant.js';
import { allowed, describe } from './decision.js';
import { boundTo, subjectKeys, type RbacRequest } from './index.js';

/** The verbs of the Kubernetes API and of its authorizers (bind, escalate, impersonate…). */
const VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'bind', 'escalate', 'impersonate', 'approve', 'sign', 'use']);

/** Kind of a workload → its resource and API group. */
const WORKLOAD_RESOURCES: Record<string, [string, string]> = {
  Pod: ['pods', ''],
  Deployment: ['deployments', 'apps'],
  StatefulSet: ['statefulsets', 'apps'],
  DaemonSet: ['daemonsets', 'apps'],
  ReplicaSet: ['replicasets', 'apps'],
  Job: ['jobs', 'batch'],
  CronJob: ['cronjobs', 'batch'],
};

/** Cluster-scoped resources: a request for one carries no namespace. */
const CLUSTER_SCOPED = new Set(['nodes', 'namespaces', 'clusterroles', 'clusterrolebindings', 'persistentvolumes', 'customresourcedefinitions', 'certificatesigningrequests', 'storageclasses']);

export function decideRbacGrant(ctx: PolicyContext, req: GrantRequest): Decision[] {
  if (subjectKeys(req.identity).length === 0) return [];
  const target = kubernetesRequest(ctx, req.resource);
  if (!target) return [];
  if (!VERBS.has(req.action)) throw new UsageError(`"${req.action}" is not a Kubernetes verb: use one of ${[...VERBS].join(', ')}`);
  const { name, ...rest } = target;
  // A collection request carries no name; one on a subresource (create pods/exec) names its object.
  const named = name !== undefined && (target.subresource !== undefined || !NAMELESS.has(req.action));
  const request: RbacRequest = { verb: req.action, ...rest, ...(named ? { name } : {}) };
  const allow = allowed(boundTo(ctx, req.identity), [request]);
  if (allow) return [allow];
  return [{ layer: 'rbac', decision: 'deny', policy: '(default)', reason: `no RBAC binding lets ${req.identity} ${describe(request)}` }];
}

/** Requests on a collection: they carry no object name. */
const NAMELESS = new Set(['list', 'watch', 'create', 'deletecollection']);

function kubernetesRequest(ctx: PolicyContext, ref: string): Omit<RbacRequest, 'verb'> | undefined {
  const secret = ref.match(/^secret:([^/]+)\/(.+)$/);
  if (secret) return { group: '', resource: 'secrets', namespace: secret[1]!, name: secret[2]! };
  const sa = ref.match(/^system:serviceaccount:([^:]+):(.+)$/);
  if (sa) return { group: '', resource: 'serviceaccounts', namespace: sa[1]!, name: sa[2]! };
  const node = ref.match(/^node:(.+)$/);
  if (node) return { group: '', resource: 'nodes', name: node[1]! };
  const workload = ctx.workload(ref);
  const kind = workload && ctx.model.k8s.workloads.has(workload.id) ? WORKLOAD_RESOURCES[workload.kind] : undefined;
  if (workload && kind) return { group: kind[1], resource: kind[0], namespace: workload.namespace, name: workload.name };
  const any = ref.match(/^([a-z0-9-]+)(?:\.([a-z0-9.-]+))?(?:\/([a-z0-9-]+))?:(?:([^/:]+)\/)?([^/:]+)$/);
  if (!any) return undefined;
  const [, resource, group, subresource, namespace, name] = any;
  // `<resource>:<name>` is a Kubernetes request only for a cluster-scoped resource.
  if (namespace === undefined && !CLUSTER_SCOPED.has(resource!)) return undefined;
  return { group: group ?? '', resource: resource!, ...(subresource ? { subresource } : {}), ...(namespace ? { namespace } : {}), ...(name !== '*' ? { name: name! } : {}) };
}
