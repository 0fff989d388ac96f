/**
 * The parts of Kubernetes and Istio objects lateral reads. Objects carry many more fields;
 * those pass through unchecked, but every field read here is type-checked, so a string
 * where a selector belongs is an error with its location.
 */
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const strings = z.array(z.string());
const labels = z.record(z.string(), z.string());

export const labelSelector = z.looseObject({
  matchLabels: labels.nullish(),
  matchExpressions: z
    .array(z.looseObject({ key: z.string(), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: strings.nullish() }))
    .nullish(),
});

export const metadata = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  labels: labels.nullish(),
  annotations: labels.nullish(),
  resourceVersion: z.string().optional(),
  ownerReferences: z.array(z.looseObject({ kind: z.string(), name: z.string(), controller: z.boolean().optional() })).nullish(),
});

const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
const intOrString = z.union([z.number().int(), z.string()]);

const secretKeyRef = z.looseObject({ name: z.string().optional() }).nullish();
const container = z.looseObject({
  name: z.string(),
  env: z.array(z.looseObject({ valueFrom: z.looseObject({ secretKeyRef }).nullish() })).nullish(),
  envFrom: z.array(z.looseObject({ secretRef: secretKeyRef })).nullish(),
  ports: z.array(z.looseObject({ containerPort: z.number().int(), name: z.string().optional(), protocol: protocol.optional() })).nullish(),
  securityContext: z
    .looseObject({
      privileged: z.boolean().nullish(),
      allowPrivilegeEscalation: z.boolean().nullish(),
      capabilities: z.looseObject({ add: strings.nullish(), drop: strings.nullish() }).nullish(),
    })
    .nullish(),
});

export const podSpec = z.looseObject({
  serviceAccountName: z.string().optional(),
  serviceAccount: z.string().optional(),
  automountServiceAccountToken: z.boolean().optional(),
  nodeName: z.string().optional(),
  hostPID: z.boolean().optional(),
  hostIPC: z.boolean().optional(),
  hostNetwork: z.boolean().optional(),
  volumes: z
    .array(
      z.looseObject({
        name: z.string(),
        hostPath: z.looseObject({ path: z.string() }).nullish(),
        secret: z.looseObject({ secretName: z.string().optional() }).nullish(),
        projected: z.looseObject({ sources: z.array(z.looseObject({ secret: secretKeyRef })).nullish() }).nullish(),
      }),
    )
    .nullish(),
  containers: z.array(container).default([]),
  initContainers: z.array(container).nullish(),
});

export const podTemplate = z.looseObject({
  metadata: z.looseObject({ labels: labels.nullish(), annotations: labels.nullish() }).nullish(),
  spec: podSpec,
});

export const service = z.looseObject({
  metadata,
  spec: z
    .looseObject({
      type: z.string().optional(),
      selector: labels.nullish(),
      ports: z
        .array(z.looseObject({ name: z.string().optional(), port: z.number().int(), targetPort: intOrString.optional(), protocol: protocol.optional(), appProtocol: z.string().optional() }))
        .nullish(),
    })
    .default({}),
});

const cidr = z.string().refine((v) => ipaddr.isValidCIDR(v), 'expected a CIDR such as 10.0.0.0/8 or 2001:db8::/32');
const npPeer = z.looseObject({
  podSelector: labelSelector.nullish(),
  namespaceSelector: labelSelector.nullish(),
  ipBlock: z.looseObject({ cidr, except: z.array(cidr).nullish() }).nullish(),
});
const npPorts = z.array(z.looseObject({ protocol: protocol.optional(), port: intOrString.optional(), endPort: z.number().int().optional() })).nullish();

export const networkPolicy = z.looseObject({
  metadata,
  spec: z.looseObject({
    podSelector: labelSelector,
    policyTypes: z.array(z.enum(['Ingress', 'Egress'])).nullish(),
    ingress: z.array(z.looseObject({ from: z.array(npPeer).nullish(), ports: npPorts })).nullish(),
    egress: z.array(z.looseObject({ to: z.array(npPeer).nullish(), ports: npPorts })).nullish(),
  }),
});

const matchLabelsOnly = z.looseObject({ matchLabels: labels.nullish() });

export const authorizationPolicy = z.looseObject({
  metadata,
  spec: z
    .looseObject({
      selector: matchLabelsOnly.nullish(),
      targetRef: z.unknown().optional(),
      targetRefs: z.array(z.unknown()).nullish(),
      action: z.enum(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']).optional(),
      provider: z.looseObject({ name: z.string() }).nullish(),
      rules: z
        .array(
          z.looseObject({
            from: z.array(z.looseObject({ source: z.record(z.string(), strings) })).nullish(),
            to: z.array(z.looseObject({ operation: z.record(z.string(), strings) })).nullish(),
            when: z.array(z.looseObject({ key: z.string(), values: strings.nullish(), notValues: strings.nullish() })).nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});

const mtlsMode = z.enum(['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']);

export const peerAuthentication = z.looseObject({
  metadata,
  spec: z
    .looseObject({
      selector: matchLabelsOnly.nullish(),
      mtls: z.looseObject({ mode: mtlsMode.optional() }).nullish(),
      portLevelMtls: z.record(z.string(), z.looseObject({ mode: mtlsMode.optional() })).nullish(),
    })
    .nullish(),
});

const policyRule = z.looseObject({
  apiGroups: strings.nullish(),
  resources: strings.nullish(),
  verbs: strings,
  resourceNames: strings.nullish(),
  nonResourceURLs: strings.nullish(),
});

export const role = z.looseObject({
  metadata,
  rules: z.array(policyRule).nullish(),
  aggregationRule: z.looseObject({ clusterRoleSelectors: z.array(labelSelector).nullish() }).nullish(),
});

export const roleBinding = z.looseObject({
  metadata,
  roleRef: z.looseObject({ kind: z.enum(['Role', 'ClusterRole']), name: z.string() }),
  subjects: z.array(z.looseObject({ kind: z.enum(['User', 'Group', 'ServiceAccount']), name: z.string(), namespace: z.string().optional() })).nullish(),
});

export const serviceAccount = z.looseObject({ metadata, automountServiceAccountToken: z.boolean().optional() });
export const namespace = z.looseObject({ metadata });
export const secret = z.looseObject({ metadata, type: z.string().optional() });
