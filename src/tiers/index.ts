/**
 * Default Tier Zero: what each input format already says an attacker must never hold, the
 * way BloodHound ships a default Tier Zero, so a first run on raw manifests or an IAM export
 * has crown jewels. A node with a tier of its own (a label, a tag, an overlay, its
 * namespace's) keeps it; `--no-default-tiers` turns these off. README, "Default crown jewels".
 */
import type { Model, Tier } from '../model/model.js';
import type { PolicyContext } from '../policy/context.js';
import { awsTierZero } from './aws.js';
import { kubernetesTierZero, tokensOfTierZero } from './kubernetes.js';

export interface DefaultTier {
  tier: Tier;
  /** why, in words: `cluster-admin-equivalent via ClusterRoleBinding ops-admins` */
  reason: string;
}

/** Default tiers by node id, for nodes without one of their own. */
export function defaultTiers(model: Model, ctx: PolicyContext): Map<string, DefaultTier> {
  const explicit = new Map<string, Tier | undefined>([...model.workloads, ...model.identities, ...model.resources, ...model.pipelines].map((x) => [x.id, x.tier]));
  const out = new Map<string, DefaultTier>();
  const add = (id: string, reason: string) => {
    if (explicit.get(id) === undefined && !out.has(id)) out.set(id, { tier: 0, reason });
  };
  for (const [id, reason] of [...kubernetesTierZero(model, ctx), ...awsTierZero(model, ctx)]) add(id, reason);
  // A credential of a tier-0 identity is as good as the identity, whichever way it got its tier.
  const tierZero = (id: string) => explicit.get(id) === 0 || (explicit.get(id) === undefined && out.get(id)?.tier === 0);
  for (const [id, reason] of tokensOfTierZero(model, tierZero)) add(id, reason);
  return out;
}
