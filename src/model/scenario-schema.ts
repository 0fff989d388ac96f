/** Scenario files (`scenarios/*.yaml`): an attack, an optional defence, expectations. */
import { z } from 'zod';
import { duration } from './native-schema.js';

const name = z.string().min(1);

export const attackSchema = z.discriminatedUnion('kind', [
  /** The attacker holds an identity's credential from outside. */
  z.strictObject({ kind: z.literal('stolen-token'), identity: name }),
  /** A new pod the attacker runs: it inherits every label-based allow. */
  z.strictObject({
    kind: z.literal('rogue-workload'),
    namespace: name,
    name: name.default('rogue'),
    labels: z.record(z.string(), z.string()).default({}),
    identity: name.optional(),
  }),
  /** Code execution in an existing workload. */
  z.strictObject({ kind: z.literal('compromised-workload'), workload: name }),
  /** The attacker changes a pipeline: it runs with the pipeline's identities and deploys into workloads. */
  z.strictObject({ kind: z.literal('poisoned-pipeline'), pipeline: name }),
]);

export const scenarioSchema = z.strictObject({
  apiVersion: z.literal('lateral/v1'),
  kind: z.literal('Scenario'),
  name,
  description: z.string().optional(),
  attack: attackSchema,
  defence: z
    .strictObject({
      'detect-after': duration,
      respond: z.enum(['revoke', 'quarantine']),
      'respond-after': duration.default(0),
    })
    .optional(),
  /** Defender actions at set minutes, on top of (or instead of) `defence`. */
  playbook: z
    .array(
      z.union([
        z.strictObject({ at: duration, action: z.enum(['revoke', 'quarantine', 'rotate']), target: name }),
        /** Every edge from one node to another (an RBAC binding, a grant, a trust), not a network hop between classes. */
        z.strictObject({ at: duration, action: z.literal('block'), from: name, to: name }),
        /** A policy change: native `policies:` in a file (relative to the scenario), in force from the minute. */
        z.strictObject({ at: duration, action: z.literal('apply'), overlay: name }),
      ]),
    )
    .default([]),
  /** Attacker minutes per hop by ATT&CK technique (T1210: 10m), over lateral's defaults. */
  minutes: z.record(z.string().regex(/^T\d{4}(\.\d{3})?$/, 'expected an ATT&CK technique id such as T1210 or T1550.001'), duration).default({}),
  expect: z
    .strictObject({
      'max-blast-radius': z.number().nonnegative().optional(),
      'must-not-reach': z.array(name).default([]),
      'min-blocked-percent': z.number().min(0).max(100).optional(),
    })
    .default({ 'must-not-reach': [] }),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Attack = z.infer<typeof attackSchema>;
