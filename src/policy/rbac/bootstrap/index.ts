/**
 * The default ClusterRoles of each Kubernetes version encoded here: every real cluster has
 * them, and manifests bind to them (cluster-admin, view, system:node…) without defining them.
 */
import { UsageError } from '../../../model/errors.js';
import type { Role } from '../../../model/k8s.js';
import { decodeRole } from './encoding.js';
import * as v1_27 from './k8s-1.27.js';

const VERSIONS: Record<string, typeof v1_27> = { '1.27': v1_27 };

export const K8S_VERSIONS = Object.keys(VERSIONS);
export const DEFAULT_K8S_VERSION = '1.27';

/** Throws a usage error naming the known versions when `version` is not one. */
export function checkK8sVersion(version: string): void {
  if (!(version in VERSIONS)) throw new UsageError(`--k8s-version: no default roles for Kubernetes "${version}"; known: ${K8S_VERSIONS.join(', ')}`);
}

const decoded = new Map<string, Role[]>();

/** The built-in ClusterRoles of `version`, controller roles under their `system:controller:` names. */
export function bootstrapRoles(version: string): readonly Role[] {
  checkK8sVersion(version);
  let roles = decoded.get(version);
  if (!roles) {
    const data = VERSIONS[version]!;
    roles = [...data.CLUSTER_ROLES, ...data.CONTROLLER_ROLES.map((r) => ({ ...r, name: `system:controller:${r.name}` }))].map(decodeRole);
    decoded.set(version, roles);
  }
  return roles;
}
