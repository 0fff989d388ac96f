/**
 * The one shape every decision engine answers with (DESIGN.md, "Graph"): which layer
 * decided, what it decided, which policy (and version) and why. Engines return data only;
 * they never read files or format output.
 */
export const LAYERS = ['network', 'mesh', 'rbac', 'iam', 'identity', 'pipeline'] as const;
export type Layer = (typeof LAYERS)[number];

/** Layers switched off in the baseline (a flat, default-allow cluster). */
export const BASELINE_OFF: ReadonlySet<Layer> = new Set<Layer>(['network', 'mesh']);

export type Verdict = 'allow' | 'deny' | 'observe-deny' | 'conditional';

export interface Decision {
  layer: Layer;
  decision: Verdict;
  /** `namespace/name` for Kubernetes and Istio objects, an ARN or inline-policy name for IAM, the policy name for native policies; `(default)` when no policy applies. */
  policy: string;
  version?: string;
  /**
   * The rule or statement inside the policy that decided, when one did, always a string: its
   * index (`"0"`), a direction and index (`"ingress[0]"`), a statement's Sid or index.
   */
  rule?: string;
  reason: string;
}

/** True when a decision blocks the hop. Observe-mode denies never block; conditionals block only under --strict-conditions. */
export function blocks(d: Decision, strictConditions = false): boolean {
  return d.decision === 'deny' || (strictConditions && d.decision === 'conditional');
}
