/**
 * The JSON Terraform prints with `terraform show -json` (HashiCorp, "JSON Output Format"),
 * of a plan file or of a state: format_version 1.x ("Reject any input which reports an
 * unsupported major version"; unknown properties are ignored, as the format asks). A plan's
 * `resource_changes` hold each resource instance's `before` and `after` values and
 * `after_unknown` (the same shape as `after`, `true` where the value is known only after
 * apply); its `prior_state` and a state's `values` hold `root_module` with `resources` and
 * nested `child_modules`. `configuration` keeps each attribute's expression and the
 * addresses it `references`, which names the resource an unknown value comes from.
 */
import { z } from 'zod';
import type { PathSegment } from '../parse.js';

const resource = z.looseObject({ address: z.string(), mode: z.string(), type: z.string(), name: z.string(), values: z.record(z.string(), z.unknown()).nullish() });
interface Module {
  resources?: z.infer<typeof resource>[] | null;
  child_modules?: Module[] | null;
}
const module: z.ZodType<Module> = z.lazy(() => z.looseObject({ resources: z.array(resource).nullish(), child_modules: z.array(module).nullish() }));
const stateValues = z.looseObject({ root_module: module.nullish() });

export const planSchema = z.looseObject({
  format_version: z.string().regex(/^1\.\d+$/, 'lateral reads format_version 1.x (Terraform 0.12 and later); a new major version changed the format'),
  terraform_version: z.string(),
  values: stateValues.nullish(),
  prior_state: z.looseObject({ values: stateValues.nullish() }).nullish(),
  resource_changes: z
    .array(
      z.looseObject({
        address: z.string(),
        module_address: z.string().nullish(),
        mode: z.string(),
        type: z.string(),
        name: z.string(),
        change: z.looseObject({ actions: z.array(z.string()), before: z.unknown().optional(), after: z.unknown().optional(), after_unknown: z.unknown().optional() }),
      }),
    )
    .nullish(),
  configuration: z.unknown().optional(),
});
export type Plan = z.infer<typeof planSchema>;

export function isTerraform(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'format_version' in value && 'terraform_version' in value;
}

/** One resource instance as the chosen side holds it. */
export interface TfResource {
  address: string;
  /** `module.ci` (nested: `module.a.module.b`), absent at the root. */
  module?: string;
  mode: string;
  type: string;
  values: Record<string, unknown>;
  /** `after_unknown`: true, or a tree with true at the unknown values. */
  unknown: unknown;
  /** Where the resource sits in the JSON. */
  path: PathSegment[];
}

export interface PlanSides {
  resources: TfResource[];
  /** Instances the plan deletes, with the values they had. */
  deleted: TfResource[];
}

const moduleOf = (address: string) => /^(.*module\.[^.]+(?:\[[^\]]*\])?)\.(?:data\.)?[\w-]+\.[\w-]+(?:\[[^\]]*\])?$/.exec(address)?.[1];
const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function walk(m: Module | null | undefined, path: PathSegment[], out: TfResource[]): void {
  if (!m) return;
  m.resources?.forEach((r, i) => {
    const mod = moduleOf(r.address);
    out.push({ address: r.address, ...(mod ? { module: mod } : {}), mode: r.mode, type: r.type, values: record(r.values), unknown: {}, path: [...path, 'resources', i] });
  });
  m.child_modules?.forEach((c, i) => walk(c, [...path, 'child_modules', i], out));
}

/**
 * The resources of one side: `after` is what applying the plan leaves (resource_changes
 * `after`, with what it does not change from the prior state), `before` the state it starts
 * from. A state has one side, its values.
 */
export function planSides(plan: Plan, side: 'before' | 'after'): PlanSides {
  const prior: TfResource[] = [];
  if (plan.values) walk(plan.values.root_module, ['values', 'root_module'], prior);
  else walk(plan.prior_state?.values?.root_module, ['prior_state', 'values', 'root_module'], prior);
  if (!plan.resource_changes || side === 'before') return { resources: prior, deleted: [] };
  const changed = new Set<string>();
  const resources: TfResource[] = [];
  const deleted: TfResource[] = [];
  plan.resource_changes.forEach((c, i) => {
    changed.add(c.address);
    const base = { address: c.address, ...(c.module_address ? { module: c.module_address } : {}), mode: c.mode, type: c.type };
    const path = ['resource_changes', i, 'change'];
    const { actions } = c.change;
    // ["delete"] destroys the object; ["forget"] stops managing it, and it lives on as it was.
    if (actions.length === 1 && actions[0] === 'delete') deleted.push({ ...base, values: record(c.change.before), unknown: {}, path: [...path, 'before'] });
    else if (actions.length === 1 && actions[0] === 'forget') resources.push({ ...base, values: record(c.change.before), unknown: {}, path: [...path, 'before'] });
    else resources.push({ ...base, values: record(c.change.after), unknown: c.change.after_unknown ?? {}, path: [...path, 'after'] });
  });
  // Data sources read while planning are in the prior state only.
  for (const r of prior) if (!changed.has(r.address)) resources.push(r);
  return { resources, deleted };
}

/** Whether the value at `path` of a resource is unknown until apply (it or a value holding it is `true` in after_unknown). */
export function unknownAt(tree: unknown, path: readonly PathSegment[]): boolean {
  let t = tree;
  for (const seg of path) {
    if (t === true) return true;
    if (typeof t !== 'object' || t === null) return false;
    t = (t as Record<string | number, unknown>)[seg];
  }
  return t === true;
}

interface ConfigModule {
  resources?: { address?: string; expressions?: Record<string, { references?: string[] }> }[];
  module_calls?: Record<string, { module?: ConfigModule }>;
}

/**
 * The addresses an attribute's expression references, from `configuration` (module-relative
 * there; returned with the module prefix). Instance keys are not in the configuration, so an
 * instance `x[0]` is looked up as `x`.
 */
export function referencesOf(plan: Plan, r: TfResource, attribute: string): string[] {
  let m = record(record(plan.configuration).root_module) as ConfigModule;
  const prefix = r.module ?? '';
  for (const call of prefix ? prefix.split(/\.?module\./).filter(Boolean) : []) {
    const next = m.module_calls?.[call.replace(/\[[^\]]*\]$/, '')]?.module;
    if (!next) return [];
    m = next;
  }
  const local = (prefix ? r.address.slice(prefix.length + 1) : r.address).replace(/\[[^\]]*\]$/, '');
  const refs = m.resources?.find((x) => x.address === local)?.expressions?.[attribute]?.references ?? [];
  return refs.map((a) => (prefix && !a.startsWith('var.') && !a.startsWith('local.') ? `${prefix}.${a}` : a));
}
