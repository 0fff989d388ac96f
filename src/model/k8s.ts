/**
 * Kubernetes and Istio objects as the decision engines and rules read them, after
 * validation. Workloads, namespaces and service accounts go to the common model; these
 * keep what only the Kubernetes layers need.
 */
import type { Source } from './model.js';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

export interface NetworkPolicyRule {
  /** `from` of an ingress rule, `to` of an egress rule; absent or empty: every peer */
  peers?: NetworkPolicyPeer[];
  /** absent or empty: every port */
  ports?: { protocol?: 'TCP' | 'UDP' | 'SCTP'; port?: number | string; endPort?: number }[];
}

export interface NetworkPolicy {
  source?: Source;
  namespace: string;
  name: string;
  resourceVersion?: string;
  podSelector: LabelSelector;
  policyTypes?: ('Ingress' | 'Egress')[];
  ingress?: NetworkPolicyRule[];
  egress?: NetworkPolicyRule[];
}

type Strings = string[];

export interface AuthzSource {
  principals?: Strings;
  notPrincipals?: Strings;
  requestPrincipals?: Strings;
  notRequestPrincipals?: Strings;
  namespaces?: Strings;
  notNamespaces?: Strings;
  ipBlocks?: Strings;
  notIpBlocks?: Strings;
  remoteIpBlocks?: Strings;
  notRemoteIpBlocks?: Strings;
}

export interface AuthzOperation {
  hosts?: Strings;
  notHosts?: Strings;
  ports?: Strings;
  notPorts?: Strings;
  methods?: Strings;
  notMethods?: Strings;
  paths?: Strings;
  notPaths?: Strings;
}

export interface AuthzRule {
  from?: { source: AuthzSource }[];
  to?: { operation: AuthzOperation }[];
  when?: { key: string; values?: Strings; notValues?: Strings }[];
}

export interface AuthorizationPolicy {
  source?: Source;
  namespace: string;
  name: string;
  resourceVersion?: string;
  selector?: { matchLabels?: Record<string, string> };
  targetRefs?: unknown[];
  action?: 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';
  provider?: { name: string };
  rules?: AuthzRule[];
  /** `istio.io/dry-run: "true"`: evaluated and logged, never enforced (observe mode). */
  dryRun?: boolean;
}

export type MtlsMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

export interface PeerAuthentication {
  source?: Source;
  namespace: string;
  name: string;
  resourceVersion?: string;
  selector?: { matchLabels?: Record<string, string> };
  mtls?: { mode?: MtlsMode };
  portLevelMtls?: Record<string, { mode?: MtlsMode }>;
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  appProtocol?: string;
}

export interface Service {
  source?: Source;
  namespace: string;
  name: string;
  selector?: Record<string, string>;
  type?: string;
  ports: ServicePort[];
}

export interface PodSecurity {
  privileged: boolean;
  hostPID: boolean;
  hostIPC: boolean;
  hostNetwork: boolean;
  hostPaths: string[];
  capabilities: string[];
}

/** What a Kubernetes workload adds to the common Workload. */
export interface K8sWorkloadInfo {
  serviceAccount: string;
  annotations: Record<string, string>;
  security: PodSecurity;
  node?: string;
  /** Secrets the pod reads through env, envFrom or volumes, as `secret:<ns>/<name>` ids. */
  secrets: string[];
}

/** The node a pod runs on; pods without placement in the inputs share one node standing for the cluster's nodes. */
export function nodeOf(info: K8sWorkloadInfo): string {
  return info.node ?? 'cluster-nodes';
}

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export interface Role {
  source?: Source;
  kind: 'Role' | 'ClusterRole';
  namespace?: string;
  name: string;
  rules: PolicyRule[];
  aggregationRule?: { clusterRoleSelectors: LabelSelector[] };
  labels: Record<string, string>;
}

export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
}

export interface RoleBinding {
  source?: Source;
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  namespace?: string;
  name: string;
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string };
  subjects: Subject[];
}

export interface K8sModel {
  services: Service[];
  /** workload id → Kubernetes details */
  workloads: Map<string, K8sWorkloadInfo>;
  networkPolicies: NetworkPolicy[];
  authorizationPolicies: AuthorizationPolicy[];
  peerAuthentications: PeerAuthentication[];
  roles: Role[];
  bindings: RoleBinding[];
}

export function emptyK8s(): K8sModel {
  return { services: [], workloads: new Map(), networkPolicies: [], authorizationPolicies: [], peerAuthentications: [], roles: [], bindings: [] };
}
