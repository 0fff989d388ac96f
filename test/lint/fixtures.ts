/** Small inputs for the lint rule tests: a tier-0 card database and a tier-2 web front in Kubernetes, native topologies, IAM exports. */
import { exportOf } from '../helpers/aws-export.js';

export const NAMESPACES = `apiVersion: v1
kind: Namespace
metadata: { name: pay, labels: { team: pay, lateral.dev/owner: team-pay } }
---
apiVersion: v1
kind: Namespace
metadata: { name: web, labels: { team: web } }
`;

export const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata: { name: card-db, namespace: pay, labels: { lateral.dev/tier: "0" } }
spec:
  selector: { matchLabels: { app: card-db } }
  template:
    metadata: { labels: { app: card-db } }
    spec: { serviceAccountName: card-db, containers: [{ name: db, image: postgres, ports: [{ containerPort: 5432 }] }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: front, namespace: web, labels: { lateral.dev/owner: team-web } }
spec:
  selector: { matchLabels: { app: front } }
  template:
    metadata: { labels: { app: front, criticality: "1" } }
    spec: { serviceAccountName: front, containers: [{ name: web, image: nginx, ports: [{ containerPort: 8080 }] }] }
`;

export const k8s = (policies: string) => ({ 'namespaces.yaml': NAMESPACES, 'workloads.yaml': WORKLOADS, 'policies.yaml': policies });

export const iam = (spec: Parameters<typeof exportOf>[0]) => ({ 'export.json': JSON.stringify(exportOf(spec), null, 1) });

export const native = (body: string) => ({ 'topology.yaml': `apiVersion: lateral/v1\nkind: Topology\n${body}` });
