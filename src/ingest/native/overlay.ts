/**
 * `kind: Overlay` (lateral/v1): tiers, owners and exploitable services for objects another
 * format defines, for teams that cannot relabel what they ingest (a Helm chart they do not
 * own, an IAM export).
 *
 *   namespaces: [{ name: payments, tier: 1, owner: team-payments }]   inherited like a label
 *   nodes:      [{ id: "arn:aws:s3:::backups", tier: 0 }]             any node, by id or unique name
 *               [{ id: web/frontend, exploitable: true }]             a workload (or a namespace's)
 *
 * An overlay wins over the object's own label, and a namespace overlay reaches what the
 * namespace holds the way a namespace label does.
 */
import { z } from 'zod';
import { tier } from '../../model/native-schema.js';
import type { Namespace, Tier, Workload } from '../../model/model.js';
import type { IngestContext } from '../context.js';
import type { ParsedDoc } from '../parse.js';
import { validate } from '../zod-problems.js';

const name = z.string().min(1);
const owned = { owner: name.optional(), tier: tier.optional(), exploitable: z.boolean().optional() };

const overlaySchema = z.strictObject({
  apiVersion: z.literal('lateral/v1'),
  kind: z.literal('Overlay'),
  metadata: z.strictObject({ name: name.optional(), description: z.string().optional() }).optional(),
  namespaces: z.array(z.strictObject({ name, ...owned })).default([]),
  nodes: z.array(z.strictObject({ id: name, ...owned })).default([]),
});

interface Owned {
  owner?: string | undefined;
  tier?: Tier | undefined;
  exploitable?: boolean | undefined;
}

const pending = new WeakMap<IngestContext, { name: string; set: Owned }[]>();

export function ingestOverlay(ctx: IngestContext, doc: ParsedDoc): void {
  const overlay = validate(ctx, doc, [], overlaySchema, doc.value);
  if (!overlay) return;
  const namespaces = pending.get(ctx) ?? [];
  pending.set(ctx, namespaces);
  for (const ns of overlay.namespaces) namespaces.push({ name: ns.name, set: ns });
  overlay.nodes.forEach((n, i) => {
    ctx.ref('node', n.id, doc, ['nodes', i, 'id'], (id) => {
      const m = ctx.model;
      const target = [...m.workloads, ...m.identities, ...m.resources, ...m.pipelines].find((x) => x.id === id);
      if (n.exploitable !== undefined && !m.workloads.includes(target as Workload)) {
        ctx.problem(doc, ['nodes', i, 'exploitable'], `${id} is not a workload: only a service can be exploitable`);
        return;
      }
      if (target) assign(target, n);
    });
  });
}

/** Runs before formats place objects in namespaces, so namespace values are inherited. */
export function applyNamespaceOverlays(ctx: IngestContext): void {
  for (const { name: nsName, set } of pending.get(ctx) ?? []) {
    let ns = ctx.model.namespaces.find((n) => n.name === nsName);
    if (!ns) {
      ns = { name: nsName, labels: { 'kubernetes.io/metadata.name': nsName }, isolation: {} } satisfies Namespace;
      ctx.model.namespaces.push(ns);
    }
    assign(ns, set);
  }
}

function assign(target: Owned, set: Owned): void {
  if (set.owner !== undefined) target.owner = set.owner;
  if (set.tier !== undefined) target.tier = set.tier;
  if (set.exploitable !== undefined) target.exploitable = set.exploitable;
}
