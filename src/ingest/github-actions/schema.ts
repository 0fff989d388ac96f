/**
 * The keys of a GitHub Actions workflow, from GitHub's "Workflow syntax for GitHub Actions".
 * Every documented key is accepted; an unknown one is an error at its line (a typo such as
 * `permission:` would silently leave a job with other rights than its author meant). Values
 * lateral does not read pass unchecked; those it reads are type-checked. Scalars may be
 * written as numbers or booleans where GitHub coerces them, so they are read as strings.
 */
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const strings = z.union([z.array(scalar), scalar.transform((s) => [s])]);
const anything = z.unknown().optional();

/** `permissions:` — `read-all`, `write-all`, `{}` or a map of scope → read|write|none. */
export const permissionsSchema = z.union([
  z.enum(['read-all', 'write-all']),
  z.record(z.string(), z.enum(['read', 'write', 'none'])),
]);

const eventFilter = z
  .object({
    branches: strings.optional(),
    'branches-ignore': strings.optional(),
    tags: strings.optional(),
    'tags-ignore': strings.optional(),
    paths: strings.optional(),
    'paths-ignore': strings.optional(),
    types: strings.optional(),
    workflows: strings.optional(),
    inputs: anything,
    outputs: anything,
    secrets: anything,
  })
  .strict()
  .nullish();

export const onSchema = z.union([
  scalar.transform((s) => ({ [s]: null }) as Record<string, unknown>),
  z.array(scalar).transform((a) => Object.fromEntries(a.map((e) => [e, null])) as Record<string, unknown>),
  z.record(z.string(), z.unknown()),
]);

export const eventFilterSchema = eventFilter;

const stepSchema = z.strictObject({
  id: scalar.optional(),
  if: scalar.optional(),
  name: scalar.optional(),
  uses: z.string().optional(),
  run: scalar.optional(),
  shell: scalar.optional(),
  with: z.record(z.string(), scalar.nullable()).nullish(),
  env: anything,
  'continue-on-error': anything,
  'timeout-minutes': anything,
  'working-directory': anything,
});

const environmentSchema = z.union([scalar, z.strictObject({ name: scalar, url: scalar.optional() })]);

export const jobSchema = z.strictObject({
  name: scalar.optional(),
  permissions: permissionsSchema.optional(),
  needs: strings.optional(),
  if: scalar.optional(),
  'runs-on': anything,
  environment: environmentSchema.optional(),
  concurrency: anything,
  outputs: anything,
  env: anything,
  defaults: anything,
  steps: z.array(stepSchema).optional(),
  'timeout-minutes': anything,
  strategy: anything,
  'continue-on-error': anything,
  container: anything,
  services: anything,
  uses: z.string().optional(),
  with: z.record(z.string(), scalar.nullable()).nullish(),
  secrets: z.union([z.literal('inherit'), z.record(z.string(), scalar)]).optional(),
  snapshot: anything,
});

export const workflowSchema = z.strictObject({
  name: scalar.optional(),
  'run-name': anything,
  on: onSchema,
  permissions: permissionsSchema.optional(),
  env: anything,
  defaults: anything,
  concurrency: anything,
  jobs: z.record(z.string(), jobSchema),
});

export type WorkflowInput = z.infer<typeof workflowSchema>;
export type JobInput = z.infer<typeof jobSchema>;
export type StepInput = z.infer<typeof stepSchema>;
export type Permissions = z.infer<typeof permissionsSchema>;
