/** Small authorization-details exports for tests, and reachability over the graph built from them. */
import { compact } from '../../src/engine/compact.js';
import { reachFrom } from '../../src/engine/reach.js';
import { buildGraph } from '../../src/graph/build.js';
import type { Model } from '../../src/model/model.js';
import { loadYaml } from './load-yaml.js';

export const ACCOUNT = '111122223333';
export const arn = (kind: 'user' | 'role' | 'group' | 'policy', name: string, account = ACCOUNT) => `arn:aws:iam::${account}:${kind}/${name}`;
export const ADMIN = `arn:aws:iam::${ACCOUNT}:root`;

type Statement = Record<string, unknown>;
export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Action, Resource, ...extra });
export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: Statement = {}): Statement => ({ Effect: 'Deny', Action, Resource, ...extra });
export const doc = (...Statement: Statement[]) => ({ Version: '2012-10-17', Statement });

export interface UserSpec {
  name: string;
  statements?: Statement[];
  groups?: string[];
  attached?: string[];
  boundary?: string;
  account?: string;
}

export interface RoleSpec {
  name: string;
  trust: Statement[];
  statements?: Statement[];
  attached?: string[];
  boundary?: string;
  instanceProfile?: boolean;
  account?: string;
}

export interface ExportSpec {
  users?: UserSpec[];
  roles?: RoleSpec[];
  groups?: { name: string; statements?: Statement[]; attached?: string[] }[];
  policies?: { name: string; versions: { id: string; statements: Statement[]; isDefault?: boolean }[] }[];
}

export function exportOf(spec: ExportSpec): Record<string, unknown> {
  return {
    UserDetailList: (spec.users ?? []).map((u) => ({
      UserName: u.name,
      Arn: arn('user', u.name, u.account),
      GroupList: u.groups ?? [],
      UserPolicyList: u.statements ? [{ PolicyName: 'inline', PolicyDocument: doc(...u.statements) }] : [],
      AttachedManagedPolicies: (u.attached ?? []).map((a) => ({ PolicyArn: a, PolicyName: a.split('/').pop() })),
      ...(u.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: u.boundary } } : {}),
      Tags: [],
    })),
    GroupDetailList: (spec.groups ?? []).map((g) => ({
      GroupName: g.name,
      Arn: arn('group', g.name),
      GroupPolicyList: g.statements ? [{ PolicyName: 'inline', PolicyDocument: doc(...g.statements) }] : [],
      AttachedManagedPolicies: (g.attached ?? []).map((a) => ({ PolicyArn: a, PolicyName: a.split('/').pop() })),
    })),
    RoleDetailList: (spec.roles ?? []).map((r) => ({
      RoleName: r.name,
      Arn: arn('role', r.name, r.account),
      AssumeRolePolicyDocument: doc(...r.trust),
      RolePolicyList: r.statements ? [{ PolicyName: 'inline', PolicyDocument: doc(...r.statements) }] : [],
      AttachedManagedPolicies: (r.attached ?? []).map((a) => ({ PolicyArn: a, PolicyName: a.split('/').pop() })),
      ...(r.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: r.boundary } } : {}),
      InstanceProfileList: r.instanceProfile ? [{ Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${r.name}` }] : [],
      Tags: [],
    })),
    Policies: (spec.policies ?? []).map((p) => ({
      PolicyName: p.name,
      Arn: arn('policy', p.name),
      DefaultVersionId: p.versions.find((v) => v.isDefault)?.id ?? p.versions[0]!.id,
      PolicyVersionList: p.versions.map((v, i) => ({ VersionId: v.id, IsDefaultVersion: v.isDefault ?? i === 0, Document: doc(...v.statements) })),
    })),
  };
}

export function load(spec: ExportSpec): Model {
  return loadYaml({ 'export.json': JSON.stringify(exportOf(spec)) });
}

/** Whether `from` controls `to` (reaches it, not merely over the network), under enforcement. */
export function reaches(spec: ExportSpec, from: string, to: string): boolean {
  const { graph, connect } = buildGraph(load(spec), { at: '2026-11-24' });
  const g = compact(graph, {}, connect);
  const r = reachFrom(g, [g.index.get(from)!], g.enforced);
  return r[g.index.get(to)!] === 1;
}

export const trusts = (principal: Record<string, unknown> | string, extra: Statement = {}): Statement => ({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });

/** An export of one role that trusts an OIDC provider for sts:AssumeRoleWithWebIdentity under `condition`, as JSON text. */
export function webIdentityExport(roleName: string, provider: string, condition: unknown): string {
  return JSON.stringify(exportOf({ roles: [{ name: roleName, trust: [{ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }] }] }));
}
