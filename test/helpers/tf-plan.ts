/** `terraform show -json` plans and states written by hand to HashiCorp's documented JSON output format. */
export const TF_ACCOUNT = '111122223333';

export interface Change {
  address: string;
  type: string;
  /** Default ['create'] (no-op, update, delete, delete+create, forget as Terraform names them). */
  actions?: string[];
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  afterUnknown?: Record<string, unknown>;
  mode?: 'managed' | 'data';
}

export interface StateResource {
  address: string;
  type: string;
  values: Record<string, unknown>;
  mode?: 'managed' | 'data';
}

const nameOf = (address: string) => address.replace(/\[[^\]]*\]$/, '').split('.').at(-1)!;
const moduleOf = (address: string) => /^(.*module\.[^.]+)\.(?:data\.)?[\w-]+\.[\w-]+(?:\[[^\]]*\])?$/.exec(address)?.[1];

function rootModule(resources: readonly StateResource[]) {
  const at = (mod: string | undefined) => resources.filter((r) => moduleOf(r.address) === mod);
  const state = (r: StateResource) => ({ address: r.address, mode: r.mode ?? 'managed', type: r.type, name: nameOf(r.address), provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: r.values, sensitive_values: {} });
  const mods = [...new Set(resources.map((r) => moduleOf(r.address)).filter((m): m is string => m !== undefined))];
  return { resources: at(undefined).map(state), child_modules: mods.map((m) => ({ address: m, resources: at(m).map(state) })) };
}

/** A plan: its resource_changes, the prior state and the configuration's expressions when given. */
export function planOf(changes: readonly Change[], options: { prior?: StateResource[]; configuration?: unknown; formatVersion?: string } = {}): string {
  return JSON.stringify({
    format_version: options.formatVersion ?? '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: {} },
    resource_changes: changes.map((c) => ({
      address: c.address,
      ...(moduleOf(c.address) ? { module_address: moduleOf(c.address) } : {}),
      mode: c.mode ?? 'managed',
      type: c.type,
      name: nameOf(c.address),
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: c.actions ?? ['create'], before: c.before ?? null, after: c.after ?? null, after_unknown: c.afterUnknown ?? {}, before_sensitive: false, after_sensitive: {} },
    })),
    ...(options.prior ? { prior_state: { format_version: '1.0', terraform_version: '1.9.5', values: { root_module: rootModule(options.prior) } } } : {}),
    ...(options.configuration ? { configuration: options.configuration } : {}),
  });
}

/** `terraform show -json` of a state. */
export function stateOf(resources: readonly StateResource[]): string {
  return JSON.stringify({ format_version: '1.0', terraform_version: '1.9.5', values: { root_module: rootModule(resources) } });
}

export const policyJson = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement });
