/**
 * The keys of a GitLab CI job, from GitLab's "CI/CD YAML syntax reference". A top-level key
 * that is not a global keyword is a job (or, starting with a dot, a hidden template), so only
 * a job's own keys can be checked: an unknown one is an error at its line (`rule:` for
 * `rules:` would silently run a job everywhere). Values lateral does not read pass
 * unchecked; those it reads are type-checked.
 */
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const anything = z.unknown().optional();

/** Global keywords: everything else at the top level is a job. */
export const GLOBAL_KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'types', 'spec']);

const ruleSchema = z.strictObject({
  if: scalar.optional(),
  when: z.enum(['on_success', 'on_failure', 'always', 'manual', 'delayed', 'never']).optional(),
  changes: anything,
  exists: anything,
  allow_failure: anything,
  variables: anything,
  needs: anything,
  start_in: anything,
  interruptible: anything,
  auto_cancel: anything,
});

export const rulesSchema = z.array(ruleSchema);

/** `only:` / `except:`: a list of refs, or `{ refs, variables, changes, kubernetes }`. */
const refsSchema = z.union([
  z.array(scalar).transform((refs) => ({ refs, variables: [] as string[], unknown: false })),
  scalar.transform((r) => ({ refs: [r], variables: [] as string[], unknown: false })),
  z
    .strictObject({ refs: z.array(scalar).optional(), variables: z.array(scalar).optional(), changes: anything, kubernetes: anything })
    .transform((o) => ({ refs: o.refs ?? [], variables: o.variables ?? [], unknown: o.changes !== undefined || o.kubernetes !== undefined })),
]);

const idTokensSchema = z.record(z.string(), z.strictObject({ aud: z.union([scalar.transform((a) => [a]), z.array(scalar)]) }));

const environmentSchema = z.union([
  scalar,
  z.strictObject({ name: scalar, url: anything, on_stop: anything, action: anything, auto_stop_in: anything, kubernetes: anything, deployment_tier: anything }),
]);

const scriptSchema = z.unknown();

export const jobSchema = z.strictObject({
  after_script: scriptSchema.optional(),
  allow_failure: anything,
  artifacts: anything,
  before_script: scriptSchema.optional(),
  cache: anything,
  coverage: anything,
  dast_configuration: anything,
  dependencies: anything,
  environment: environmentSchema.optional(),
  except: refsSchema.optional(),
  extends: z.union([z.string().transform((s) => [s]), z.array(z.string())]).optional(),
  hooks: anything,
  identity: anything,
  id_tokens: idTokensSchema.optional(),
  image: anything,
  inherit: anything,
  interruptible: anything,
  manual_confirmation: anything,
  needs: anything,
  only: refsSchema.optional(),
  pages: anything,
  parallel: anything,
  release: anything,
  resource_group: anything,
  retry: anything,
  rules: rulesSchema.optional(),
  run: anything,
  script: scriptSchema.optional(),
  secrets: anything,
  services: anything,
  stage: anything,
  start_in: anything,
  tags: anything,
  timeout: anything,
  trigger: anything,
  variables: anything,
  when: anything,
});

export const defaultSchema = z.strictObject({
  after_script: scriptSchema.optional(),
  artifacts: anything,
  before_script: scriptSchema.optional(),
  cache: anything,
  hooks: anything,
  id_tokens: idTokensSchema.optional(),
  image: anything,
  interruptible: anything,
  retry: anything,
  services: anything,
  tags: anything,
  timeout: anything,
});

export const workflowRulesSchema = z.strictObject({ name: anything, rules: rulesSchema.optional(), auto_cancel: anything });

const includeEntry = z.union([
  z.string(),
  z.strictObject({
    local: z.string().optional(),
    project: z.string().optional(),
    ref: scalar.optional(),
    file: anything,
    remote: z.string().optional(),
    template: z.string().optional(),
    component: z.string().optional(),
    inputs: anything,
    rules: anything,
    integrity: anything,
    cache: anything,
  }),
]);

export const includeSchema = z.union([includeEntry.transform((e) => [e]), z.array(includeEntry)]);

export type JobInput = z.infer<typeof jobSchema>;
export type IncludeInput = z.infer<typeof includeSchema>;
export type RuleInput = z.infer<typeof ruleSchema>;
