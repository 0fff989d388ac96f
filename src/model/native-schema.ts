/**
 * Schema of the native topology format (`apiVersion: lateral/v1`, `kind: Topology`): what
 * Kubernetes and cloud exports lack. Unknown fields are errors, so typos never pass silently.
 */
import { z } from 'zod';

const name = z.string().min(1);
const labels = z.record(z.string(), z.string());
export const tier = z.union([z.literal(0), z.literal(1), z.literal(2), z.enum(['0', '1', '2']).transform((s) => Number(s) as 0 | 1 | 2)], { error: 'expected tier 0, 1 or 2 (0 is a crown jewel)' });
const mode = z.enum(['enforce', 'observe']);
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);

/** `15m`, `1h`, `2d`, `1w` or a number of minutes. */
export const duration = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\d+(\.\d+)?\s*(s|m|h|d|w)$/, 'expected a duration such as 30m, 1h, 2d'),
]);

const isolation = z.union([
  z.array(z.enum(['network', 'mesh'])),
  z.strictObject({ network: mode.optional(), mesh: mode.optional() }),
]);

const port = z.number().int().min(1).max(65535);
const workloadPort = z.union([port, z.strictObject({ port, name: name.optional(), protocol: protocol.default('TCP') })]);
const portRange = z.union([
  port,
  z.string().regex(/^\d+(-\d+)?(\/(TCP|UDP|SCTP))?$/, 'expected a port such as 8080, 8080/UDP or 8000-8100'),
  z.strictObject({ port, endPort: port.optional(), protocol: protocol.default('TCP') }),
]);

const selector = z.strictObject({
  namespace: name.optional(),
  labels: labels.optional(),
  workload: name.optional(),
});

const owned = { owner: name.optional(), tier: tier.optional() };

const networkRule = z.strictObject({
  action: z.enum(['allow', 'deny']).default('allow'),
  from: selector.default({}),
  to: selector,
  ports: z.array(portRange).default([]),
});

const meshRule = z.strictObject({
  action: z.enum(['allow', 'deny']).default('allow'),
  /** Identity names or ids; omitted means any caller. */
  from: z.array(name).optional(),
  to: selector,
  ports: z.array(portRange).default([]),
  methods: z.array(z.string().min(1)).default([]),
  paths: z.array(z.string().min(1)).default([]),
});

const credential = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('short-lived'), ttl: duration }),
  z.strictObject({ type: z.literal('static'), age: duration.optional() }),
]);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

export const topologySchema = z.strictObject({
  apiVersion: z.literal('lateral/v1'),
  kind: z.literal('Topology').default('Topology'),
  metadata: z.strictObject({ name: name.optional(), description: z.string().optional() }).optional(),
  namespaces: z
    .array(z.strictObject({ name, labels: labels.default({}), defaultDeny: isolation.optional(), ...owned }))
    .default([]),
  workloads: z
    .array(
      z.strictObject({
        name,
        namespace: name.default('default'),
        labels: labels.default({}),
        identity: z.union([name, z.array(name)]).optional(),
        ports: z.array(workloadPort).default([]),
        defaultDeny: isolation.optional(),
        /** Reaching it over the network gives control of it (a known-vulnerable service). */
        exploitable: z.boolean().optional(),
        ...owned,
      }),
    )
    .default([]),
  identities: z
    .array(
      z.strictObject({
        name,
        kind: z.enum(['workload', 'human', 'pipeline', 'cloud-role']),
        credential: credential.optional(),
        ...owned,
      }),
    )
    .default([]),
  resources: z
    .array(
      z.strictObject({
        name,
        type: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case type such as datastore, bucket, queue, secret'),
        namespace: name.optional(),
        /** Identities whose credential this resource stores. */
        holds: z.array(name).default([]),
        ...owned,
      }),
    )
    .default([]),
  policies: z
    .array(
      z.strictObject({
        name,
        layer: z.enum(['network', 'mesh']),
        mode: mode.default('enforce'),
        version: z.union([z.string(), z.number()]).transform(String).optional(),
        rules: z.array(z.unknown()).default([]),
      }),
    )
    .default([]),
  grants: z.array(z.strictObject({ identity: name, resource: name, actions: z.array(z.string().min(1)).min(1) })).default([]),
  trust: z.array(z.strictObject({ identity: name, mayAssume: name })).default([]),
  pipelines: z
    .array(
      z.strictObject({
        name,
        identities: z.array(name).default([]),
        deploysTo: z.array(name).default([]),
        modifiableBy: z.array(name).default([]),
        ...owned,
      }),
    )
    .default([]),
  exceptions: z
    .array(
      z.strictObject({
        name,
        owner: name,
        reason: z.string().min(1),
        expires: isoDate,
        created: isoDate.optional(),
        layer: z.enum(['network', 'mesh', 'grant']),
        from: z.unknown().optional(),
        to: selector.optional(),
        ports: z.array(portRange).default([]),
        methods: z.array(z.string().min(1)).default([]),
        paths: z.array(z.string().min(1)).default([]),
        identity: name.optional(),
        resource: name.optional(),
        actions: z.array(z.string().min(1)).default([]),
      }),
    )
    .default([]),
});

export const networkRuleSchema = networkRule;
export const meshRuleSchema = meshRule;
export const selectorSchema = selector;
export const identityRefsSchema = z.array(name);
export type TopologyDoc = z.infer<typeof topologySchema>;
export type PortRangeInput = z.infer<typeof portRange>;
export type IsolationInput = z.infer<typeof isolation>;
