/**
 * The default ClusterRoles a Kubernetes 1.27 API server creates at startup (its RBAC bootstrap
 * policy), with the default feature gates: kubernetes/kubernetes
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml and
 * controller-roles.yaml at commit 025f2834a128798cef30018a5e6a6ae82b5ad885.
 * Roles only: the default bindings would give identities the inputs do not hold.
 */
import type { RoleData, RuleData } from './encoding.js';

const GLW = 'get list watch';
const WRITE = 'create delete deletecollection patch update';
const ALL = 'create delete deletecollection get list patch update watch';
const EVENTS: RuleData = ['create patch update', 'core events.k8s.io', 'events'];
const agg = (role: string) => `rbac.authorization.k8s.io/aggregate-to-${role}`;
const approver = (signer: string): RoleData => ({
  name: `system:certificates.k8s.io:${signer}-approver`,
  rules: [['approve', 'certificates.k8s.io', 'signers', `kubernetes.io/${signer}`]],
});

export const CLUSTER_ROLES: readonly RoleData[] = [
  { name: 'admin', aggregates: agg('admin'), rules: [] },
  {
    name: 'cluster-admin',
    rules: [['*', '*', '*'], { urls: '*', verbs: '*' }],
  },
  { name: 'edit', labels: [agg('admin')], aggregates: agg('edit'), rules: [] },
  {
    name: 'system:aggregate-to-admin',
    labels: [agg('admin')],
    rules: [
      ['create', 'authorization.k8s.io', 'localsubjectaccessreviews'],
      [ALL, 'rbac.authorization.k8s.io', 'rolebindings roles'],
    ],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: [agg('edit')],
    rules: [
      [GLW, 'core', 'pods/attach pods/exec pods/portforward pods/proxy secrets services/proxy'],
      ['impersonate', 'core', 'serviceaccounts'],
      [WRITE, 'core', 'pods pods/attach pods/exec pods/portforward pods/proxy'],
      ['create', 'core', 'pods/eviction'],
      [WRITE, 'core', 'configmaps events persistentvolumeclaims replicationcontrollers replicationcontrollers/scale secrets serviceaccounts services services/proxy'],
      ['create', 'core', 'serviceaccounts/token'],
      [WRITE, 'apps', 'daemonsets deployments deployments/rollback deployments/scale replicasets replicasets/scale statefulsets statefulsets/scale'],
      [WRITE, 'autoscaling', 'horizontalpodautoscalers'],
      [WRITE, 'batch', 'cronjobs jobs'],
      [WRITE, 'extensions', 'daemonsets deployments deployments/rollback deployments/scale ingresses networkpolicies replicasets replicasets/scale replicationcontrollers/scale'],
      [WRITE, 'policy', 'poddisruptionbudgets'],
      [WRITE, 'networking.k8s.io', 'ingresses networkpolicies'],
      [ALL, 'coordination.k8s.io', 'leases'],
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: [agg('view')],
    rules: [
      [GLW, 'core', 'configmaps endpoints persistentvolumeclaims persistentvolumeclaims/status pods replicationcontrollers replicationcontrollers/scale serviceaccounts services services/status'],
      [GLW, 'core', 'bindings events limitranges namespaces/status pods/log pods/status replicationcontrollers/status resourcequotas resourcequotas/status'],
      [GLW, 'core', 'namespaces'],
      [GLW, 'discovery.k8s.io', 'endpointslices'],
      [GLW, 'apps', 'controllerrevisions daemonsets daemonsets/status deployments deployments/scale deployments/status replicasets replicasets/scale replicasets/status statefulsets statefulsets/scale statefulsets/status'],
      [GLW, 'autoscaling', 'horizontalpodautoscalers horizontalpodautoscalers/status'],
      [GLW, 'batch', 'cronjobs cronjobs/status jobs jobs/status'],
      [GLW, 'extensions', 'daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses ingresses/status networkpolicies replicasets replicasets/scale replicasets/status replicationcontrollers/scale'],
      [GLW, 'policy', 'poddisruptionbudgets poddisruptionbudgets/status'],
      [GLW, 'networking.k8s.io', 'ingresses ingresses/status networkpolicies'],
    ],
  },
  {
    name: 'system:auth-delegator',
    rules: [
      ['create', 'authentication.k8s.io', 'tokenreviews'],
      ['create', 'authorization.k8s.io', 'subjectaccessreviews'],
    ],
  },
  {
    name: 'system:basic-user',
    rules: [
      ['create', 'authorization.k8s.io', 'selfsubjectaccessreviews selfsubjectrulesreviews'],
      ['create', 'authentication.k8s.io', 'selfsubjectreviews'],
    ],
  },
  { name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', rules: [['create', 'certificates.k8s.io', 'certificatesigningrequests/nodeclient']] },
  { name: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', rules: [['create', 'certificates.k8s.io', 'certificatesigningrequests/selfnodeclient']] },
  approver('kube-apiserver-client'),
  approver('kube-apiserver-client-kubelet'),
  approver('kubelet-serving'),
  approver('legacy-unknown'),
  { name: 'system:discovery', rules: [{ urls: '/api /api/* /apis /apis/* /healthz /livez /openapi /openapi/* /readyz /version /version/', verbs: 'get' }] },
  {
    name: 'system:heapster',
    rules: [
      [GLW, 'core', 'events namespaces nodes pods'],
      [GLW, 'extensions', 'deployments'],
    ],
  },
  { name: 'system:kube-aggregator', rules: [[GLW, 'core', 'endpoints services']] },
  {
    name: 'system:kube-controller-manager',
    rules: [
      EVENTS,
      ['create', 'coordination.k8s.io', 'leases'],
      ['get update', 'coordination.k8s.io', 'leases', 'kube-controller-manager'],
      ['create', 'core', 'secrets serviceaccounts'],
      ['delete', 'core', 'secrets'],
      ['get', 'core', 'configmaps namespaces secrets serviceaccounts'],
      ['update', 'core', 'secrets serviceaccounts'],
      ['create', 'authentication.k8s.io', 'tokenreviews'],
      ['create', 'authorization.k8s.io', 'subjectaccessreviews'],
      ['list watch', '*', '*'],
      ['create', 'core', 'serviceaccounts/token'],
    ],
  },
  { name: 'system:kube-dns', rules: [['list watch', 'core', 'endpoints services']] },
  {
    name: 'system:kube-scheduler',
    rules: [
      EVENTS,
      ['create', 'coordination.k8s.io', 'leases'],
      ['get update', 'coordination.k8s.io', 'leases', 'kube-scheduler'],
      [GLW, 'core', 'nodes'],
      ['delete get list watch', 'core', 'pods'],
      ['create', 'core', 'bindings pods/binding'],
      ['patch update', 'core', 'pods/status'],
      [GLW, 'core', 'replicationcontrollers services'],
      [GLW, 'apps extensions', 'replicasets'],
      [GLW, 'apps', 'statefulsets'],
      [GLW, 'policy', 'poddisruptionbudgets'],
      [GLW, 'core', 'persistentvolumeclaims persistentvolumes'],
      ['create', 'authentication.k8s.io', 'tokenreviews'],
      ['create', 'authorization.k8s.io', 'subjectaccessreviews'],
      [GLW, 'storage.k8s.io', 'csinodes'],
      [GLW, 'core', 'namespaces'],
      [GLW, 'storage.k8s.io', 'csidrivers'],
      [GLW, 'storage.k8s.io', 'csistoragecapacities'],
    ],
  },
  {
    name: 'system:kubelet-api-admin',
    rules: [
      [GLW, 'core', 'nodes'],
      ['proxy', 'core', 'nodes'],
      ['*', 'core', 'nodes/log nodes/metrics nodes/proxy nodes/stats'],
    ],
  },
  { name: 'system:monitoring', rules: [{ urls: '/healthz /healthz/* /livez /livez/* /metrics /metrics/slis /readyz /readyz/*', verbs: 'get' }] },
  {
    name: 'system:node',
    rules: [
      ['create', 'authentication.k8s.io', 'tokenreviews'],
      ['create', 'authorization.k8s.io', 'localsubjectaccessreviews subjectaccessreviews'],
      [GLW, 'core', 'services'],
      ['create get list watch', 'core', 'nodes'],
      ['patch update', 'core', 'nodes/status'],
      ['patch update', 'core', 'nodes'],
      ['create patch update', 'core', 'events'],
      [GLW, 'core', 'pods'],
      ['create delete', 'core', 'pods'],
      ['patch update', 'core', 'pods/status'],
      ['create', 'core', 'pods/eviction'],
      [GLW, 'core', 'configmaps secrets'],
      ['get', 'core', 'persistentvolumeclaims persistentvolumes'],
      ['get', 'core', 'endpoints'],
      ['create get list watch', 'certificates.k8s.io', 'certificatesigningrequests'],
      ['create delete get patch update', 'coordination.k8s.io', 'leases'],
      ['get', 'storage.k8s.io', 'volumeattachments'],
      ['create', 'core', 'serviceaccounts/token'],
      ['get patch update', 'core', 'persistentvolumeclaims/status'],
      [GLW, 'storage.k8s.io', 'csidrivers'],
      ['create delete get patch update', 'storage.k8s.io', 'csinodes'],
      [GLW, 'node.k8s.io', 'runtimeclasses'],
    ],
  },
  { name: 'system:node-bootstrapper', rules: [['create get list watch', 'certificates.k8s.io', 'certificatesigningrequests']] },
  {
    name: 'system:node-problem-detector',
    rules: [['get', 'core', 'nodes'], ['patch', 'core', 'nodes/status'], EVENTS],
  },
  {
    name: 'system:node-proxier',
    rules: [
      ['list watch', 'core', 'endpoints services'],
      [GLW, 'core', 'nodes'],
      EVENTS,
      ['list watch', 'discovery.k8s.io', 'endpointslices'],
    ],
  },
  {
    name: 'system:persistent-volume-provisioner',
    rules: [
      ['create delete get list watch', 'core', 'persistentvolumes'],
      ['get list update watch', 'core', 'persistentvolumeclaims'],
      [GLW, 'storage.k8s.io', 'storageclasses'],
      ['watch', 'core', 'events'],
      EVENTS,
    ],
  },
  { name: 'system:public-info-viewer', rules: [{ urls: '/healthz /livez /readyz /version /version/', verbs: 'get' }] },
  { name: 'system:service-account-issuer-discovery', rules: [{ urls: '/.well-known/openid-configuration /openid/v1/jwks', verbs: 'get' }] },
  {
    name: 'system:volume-scheduler',
    rules: [
      ['get list patch update watch', 'core', 'persistentvolumes'],
      [GLW, 'storage.k8s.io', 'storageclasses'],
      ['get list patch update watch', 'core', 'persistentvolumeclaims'],
    ],
  },
  { name: 'view', labels: [agg('edit')], aggregates: agg('view'), rules: [] },
];

/** The kube-controller-manager's per-controller roles (controller-roles.yaml). */
export const CONTROLLER_ROLES: readonly RoleData[] = [
  {
    name: 'attachdetach-controller',
    rules: [
      ['list watch', 'core', 'persistentvolumeclaims persistentvolumes'],
      [GLW, 'core', 'nodes'],
      ['patch update', 'core', 'nodes/status'],
      ['list watch', 'core', 'pods'],
      EVENTS,
      ['create delete get list watch', 'storage.k8s.io', 'volumeattachments'],
      [GLW, 'storage.k8s.io', 'csidrivers'],
      [GLW, 'storage.k8s.io', 'csinodes'],
    ],
  },
  {
    name: 'certificate-controller',
    rules: [
      ['delete get list watch', 'certificates.k8s.io', 'certificatesigningrequests'],
      ['update', 'certificates.k8s.io', 'certificatesigningrequests/approval certificatesigningrequests/status'],
      ['approve', 'certificates.k8s.io', 'signers', 'kubernetes.io/kube-apiserver-client-kubelet'],
      ['sign', 'certificates.k8s.io', 'signers', 'kubernetes.io/kube-apiserver-client kubernetes.io/kube-apiserver-client-kubelet kubernetes.io/kubelet-serving kubernetes.io/legacy-unknown'],
      ['create', 'authorization.k8s.io', 'subjectaccessreviews'],
      EVENTS,
    ],
  },
  { name: 'clusterrole-aggregation-controller', rules: [['escalate get list patch update watch', 'rbac.authorization.k8s.io', 'clusterroles']] },
  {
    name: 'cronjob-controller',
    rules: [
      ['get list update watch', 'batch', 'cronjobs'],
      ['create delete get list patch update watch', 'batch', 'jobs'],
      ['update', 'batch', 'cronjobs/status'],
      ['update', 'batch', 'cronjobs/finalizers'],
      ['delete list', 'core', 'pods'],
      EVENTS,
    ],
  },
  {
    name: 'daemon-set-controller',
    rules: [
      [GLW, 'apps extensions', 'daemonsets'],
      ['update', 'apps extensions', 'daemonsets/status'],
      ['update', 'apps extensions', 'daemonsets/finalizers'],
      ['list watch', 'core', 'nodes'],
      ['create delete list patch watch', 'core', 'pods'],
      ['create', 'core', 'pods/binding'],
      ['create delete get list patch update watch', 'apps', 'controllerrevisions'],
      EVENTS,
    ],
  },
  {
    name: 'deployment-controller',
    rules: [
      ['get list update watch', 'apps extensions', 'deployments'],
      ['update', 'apps extensions', 'deployments/status'],
      ['update', 'apps extensions', 'deployments/finalizers'],
      ['create delete get list patch update watch', 'apps extensions', 'replicasets'],
      ['get list update watch', 'core', 'pods'],
      EVENTS,
    ],
  },
  {
    name: 'disruption-controller',
    rules: [
      [GLW, 'apps extensions', 'deployments'],
      [GLW, 'apps extensions', 'replicasets'],
      [GLW, 'core', 'replicationcontrollers'],
      [GLW, 'policy', 'poddisruptionbudgets'],
      [GLW, 'apps', 'statefulsets'],
      ['update', 'policy', 'poddisruptionbudgets/status'],
      ['get', '*', '*/scale'],
      EVENTS,
      ['patch', 'core', 'pods/status'],
    ],
  },
  {
    name: 'endpoint-controller',
    rules: [
      [GLW, 'core', 'pods services'],
      ['create delete get list update', 'core', 'endpoints'],
      ['create', 'core', 'endpoints/restricted'],
      EVENTS,
    ],
  },
  {
    name: 'endpointslice-controller',
    rules: [
      [GLW, 'core', 'nodes pods services'],
      ['update', 'core', 'services/finalizers'],
      ['create delete get list update', 'discovery.k8s.io', 'endpointslices'],
      EVENTS,
    ],
  },
  {
    name: 'endpointslicemirroring-controller',
    rules: [
      [GLW, 'core', 'endpoints services'],
      ['update', 'core', 'services/finalizers'],
      ['update', 'core', 'endpoints/finalizers'],
      ['create delete get list update', 'discovery.k8s.io', 'endpointslices'],
      EVENTS,
    ],
  },
  {
    name: 'ephemeral-volume-controller',
    rules: [
      [GLW, 'core', 'pods'],
      ['update', 'core', 'pods/finalizers'],
      ['create get list watch', 'core', 'persistentvolumeclaims'],
      EVENTS,
    ],
  },
  {
    name: 'expand-controller',
    rules: [
      ['get list patch update watch', 'core', 'persistentvolumes'],
      ['patch update', 'core', 'persistentvolumeclaims/status'],
      [GLW, 'core', 'persistentvolumeclaims'],
      [GLW, 'storage.k8s.io', 'storageclasses'],
      ['get', 'core', 'endpoints services'],
      ['get', 'core', 'secrets'],
      EVENTS,
    ],
  },
  { name: 'generic-garbage-collector', rules: [['delete get list patch update watch', '*', '*'], EVENTS] },
  {
    name: 'horizontal-pod-autoscaler',
    rules: [
      [GLW, 'autoscaling', 'horizontalpodautoscalers'],
      ['update', 'autoscaling', 'horizontalpodautoscalers/status'],
      ['get update', '*', '*/scale'],
      ['list', 'core', 'pods'],
      ['list', 'metrics.k8s.io', 'pods'],
      ['get list', 'custom.metrics.k8s.io', '*'],
      ['get list', 'external.metrics.k8s.io', '*'],
      EVENTS,
    ],
  },
  {
    name: 'job-controller',
    rules: [
      ['get list patch update watch', 'batch', 'jobs'],
      ['update', 'batch', 'jobs/status'],
      ['update', 'batch', 'jobs/finalizers'],
      ['create delete list patch watch', 'core', 'pods'],
      EVENTS,
    ],
  },
  {
    name: 'namespace-controller',
    rules: [
      ['delete get list watch', 'core', 'namespaces'],
      ['update', 'core', 'namespaces/finalize namespaces/status'],
      ['delete deletecollection get list', '*', '*'],
    ],
  },
  {
    name: 'node-controller',
    rules: [
      ['delete get list patch update', 'core', 'nodes'],
      ['patch update', 'core', 'nodes/status'],
      ['patch update', 'core', 'pods/status'],
      ['delete list', 'core', 'pods'],
      ['create get list update', 'networking.k8s.io', 'clustercidrs'],
      EVENTS,
      ['get', 'core', 'pods'],
    ],
  },
  {
    name: 'persistent-volume-binder',
    rules: [
      ['create delete get list update watch', 'core', 'persistentvolumes'],
      ['update', 'core', 'persistentvolumes/status'],
      ['get list update watch', 'core', 'persistentvolumeclaims'],
      ['update', 'core', 'persistentvolumeclaims/status'],
      ['create delete get list watch', 'core', 'pods'],
      [GLW, 'storage.k8s.io', 'storageclasses'],
      ['create delete get update', 'core', 'endpoints'],
      ['create delete get', 'core', 'services'],
      ['get', 'core', 'secrets'],
      ['get list', 'core', 'nodes'],
      ['watch', 'core', 'events'],
      EVENTS,
    ],
  },
  {
    name: 'pod-garbage-collector',
    rules: [
      ['delete list watch', 'core', 'pods'],
      ['get list', 'core', 'nodes'],
      ['patch', 'core', 'pods/status'],
    ],
  },
  { name: 'pv-protection-controller', rules: [['get list update watch', 'core', 'persistentvolumes'], EVENTS] },
  {
    name: 'pvc-protection-controller',
    rules: [['get list update watch', 'core', 'persistentvolumeclaims'], [GLW, 'core', 'pods'], EVENTS],
  },
  {
    name: 'replicaset-controller',
    rules: [
      ['get list update watch', 'apps extensions', 'replicasets'],
      ['update', 'apps extensions', 'replicasets/status'],
      ['update', 'apps extensions', 'replicasets/finalizers'],
      ['create delete list patch watch', 'core', 'pods'],
      EVENTS,
    ],
  },
  {
    name: 'replication-controller',
    rules: [
      ['get list update watch', 'core', 'replicationcontrollers'],
      ['update', 'core', 'replicationcontrollers/status'],
      ['update', 'core', 'replicationcontrollers/finalizers'],
      ['create delete list patch watch', 'core', 'pods'],
      EVENTS,
    ],
  },
  {
    name: 'resourcequota-controller',
    rules: [['list watch', '*', '*'], ['update', 'core', 'resourcequotas/status'], EVENTS],
  },
  { name: 'root-ca-cert-publisher', rules: [['create update', 'core', 'configmaps'], EVENTS] },
  {
    name: 'route-controller',
    rules: [['list watch', 'core', 'nodes'], ['patch', 'core', 'nodes/status'], EVENTS],
  },
  { name: 'service-account-controller', rules: [['create', 'core', 'serviceaccounts'], EVENTS] },
  {
    name: 'service-controller',
    rules: [
      [GLW, 'core', 'services'],
      ['patch update', 'core', 'services/status'],
      ['list watch', 'core', 'nodes'],
      EVENTS,
    ],
  },
  {
    name: 'statefulset-controller',
    rules: [
      ['list watch', 'core', 'pods'],
      [GLW, 'apps', 'statefulsets'],
      ['update', 'apps', 'statefulsets/status'],
      ['update', 'apps', 'statefulsets/finalizers'],
      ['create delete get patch update', 'core', 'pods'],
      ['create delete get list patch update watch', 'apps', 'controllerrevisions'],
      ['create get', 'core', 'persistentvolumeclaims'],
      EVENTS,
      ['delete update', 'core', 'persistentvolumeclaims'],
    ],
  },
  { name: 'ttl-after-finished-controller', rules: [['delete get list watch', 'batch', 'jobs'], EVENTS] },
  { name: 'ttl-controller', rules: [['list patch update watch', 'core', 'nodes'], EVENTS] },
];
