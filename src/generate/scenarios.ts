/**
 * Three scenarios that name objects of the generated estate: a stolen service-account token
 * (the account that may list secrets in the biggest namespace), a compromised workload that
 * calls the busiest hub, and a rogue pod in the biggest namespace wearing a hub caller's labels.
 */
import { ADMIN_ARN } from './aws.js';
import { sortedWorkloads } from './k8s.js';
import type { Plan } from './plan.js';
import { secretReaderOf } from './rbac.js';

type Doc = Record<string, unknown>;
const sa = (ns: string, name: string) => `system:serviceaccount:${ns}:${name}`;

export function scenarioDocs(plan: Plan, aws: boolean): { file: string; doc: Doc }[] {
  const big = plan.namespaces[0]!;
  const wid = (id: number) => `${plan.namespaces[plan.workloads[id]!.ns]!.name}/${plan.workloads[id]!.name}`;
  // Crown jewels outside the biggest namespace: what an attacker starting there should not reach.
  const farJewels = plan.workloads.filter((w) => w.tier === 0 && w.ns !== 0).slice(0, 2).map((w) => wid(w.id));
  const mustNotReach = [...(aws ? [ADMIN_ARN] : []), ...farJewels];

  const reader = secretReaderOf(plan, big);
  const hub = plan.hubs.reduce((best, h) => (plan.callers[h]!.length > plan.callers[best]!.length ? h : best), plan.hubs[0]!);
  const hubCallers = plan.callers[hub]!;
  const compromised = hubCallers.length > 0 ? hubCallers[0]! : hub;
  const bigWorkloads = sortedWorkloads(plan, big);
  const disguise = bigWorkloads.find((w) => w.calls.some((c) => plan.workloads[c]!.hub)) ?? bigWorkloads[0]!;
  const labels: Record<string, string> = { app: disguise.name };
  if (disguise.group) labels[disguise.group[0]] = disguise.group[1];

  const scenario = (name: string, description: string, attack: Doc, defence: Doc, expect: Doc): Doc => ({ apiVersion: 'lateral/v1', kind: 'Scenario', name, description, attack, defence, expect });
  return [
    {
      file: 'stolen-token.yaml',
      doc: scenario(
        `stolen-${reader}-token`,
        `The token of ${sa(big.name, reader)} leaks; it may list every secret in ${big.name}, where a legacy deployer token lives.`,
        { kind: 'stolen-token', identity: sa(big.name, reader) },
        { 'detect-after': '2h', respond: 'revoke', 'respond-after': '15m' },
        { 'must-not-reach': mustNotReach },
      ),
    },
    {
      file: 'compromised-workload.yaml',
      doc: scenario(
        `compromised-${plan.workloads[compromised]!.name}`,
        `Code execution in ${wid(compromised)}, which calls the hub ${wid(hub)}.`,
        { kind: 'compromised-workload', workload: wid(compromised) },
        { 'detect-after': '1h', respond: 'quarantine', 'respond-after': '30m' },
        { 'must-not-reach': mustNotReach, 'min-blocked-percent': 50 },
      ),
    },
    {
      file: 'rogue-workload.yaml',
      doc: scenario(
        `rogue-pod-in-${big.name}`,
        `Someone with deploy rights in ${big.name} starts a pod labelled like ${disguise.name}, running as the deployer.`,
        { kind: 'rogue-workload', namespace: big.name, name: 'debug-shell', labels, identity: sa(big.name, 'deployer') },
        { 'detect-after': '4h', respond: 'quarantine', 'respond-after': '10m' },
        { 'must-not-reach': mustNotReach },
      ),
    },
  ];
}
