/**
 * A policy in the inputs that cannot do what it says: it selects no pod it could act on, or
 * sits in a namespace nothing lives in. Only a warning (the inputs may be a partial view of
 * a cluster), but a silent one would let a reviewer believe a control is in place.
 */
import type { Source } from '../../model/model.js';

export type InertPolicyCode = 'inert-authz' | 'inert-peer-auth' | 'inert-netpol' | 'missing-namespace';

export type PolicyKind = 'NetworkPolicy' | 'AuthorizationPolicy' | 'PeerAuthentication' | 'Role' | 'RoleBinding';

export interface InertPolicyWarning {
  /** The stable code of the check that found it (the same field unknown IAM actions use). */
  kind: InertPolicyCode;
  policy: { kind: PolicyKind; namespace: string; name: string };
  /** One sentence: what the policy was meant to do and why it does nothing. */
  why: string;
  /** Where the policy is defined. */
  file?: string;
  line?: number;
}

/** The warning for one policy, located at its definition. */
export function inertWarning(kind: InertPolicyCode, policyKind: PolicyKind, p: { namespace: string; name: string; source?: Source }, why: string): InertPolicyWarning {
  const line = p.source?.line;
  return {
    kind,
    policy: { kind: policyKind, namespace: p.namespace, name: p.name },
    why,
    ...(p.source ? { file: p.source.file } : {}),
    ...(line !== undefined ? { line } : {}),
  };
}

/** "3 workloads", "1 workload". */
export function workloads(n: number): string {
  return `${n} workload${n === 1 ? '' : 's'}`;
}
