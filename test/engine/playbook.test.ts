/**
 * The defender playbook and attacker minutes on the k8s demo: the frontend's token reads the
 * deployer's token at 3 minutes, acts as the deployer at 8 and execs into card-db at 18. An
 * action takes its target away from its minute; what was reached before stays reached.
 */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/ingest/index.js';
import { runScenarios } from '../../src/scenarios/run.js';
import type { LoadedScenario } from '../../src/scenarios/load.js';
import { scenarioSchema } from '../../src/model/scenario-schema.js';
import { InputError } from '../../src/model/errors.js';

const model = loadModel(['topologies/k8s-demo']);
const FRONTEND = 'system:serviceaccount:web:frontend';
const DEPLOYER = 'system:serviceaccount:web:deployer';

function run(extra: Record<string, unknown>) {
  const scenario = scenarioSchema.parse({ apiVersion: 'lateral/v1', kind: 'Scenario', name: 's', attack: { kind: 'stolen-token', identity: FRONTEND }, ...extra });
  // Overlays are found beside the scenario file.
  const loaded: LoadedScenario = { scenario, file: 'test/fixtures/overlays/scenario.yaml', lineOf: () => 7 };
  return runScenarios(model, [loaded], { at: '2026-12-04' })[0]!;
}
const reached = (r: ReturnType<typeof run>) => r.reached.map((n) => `${n.id}@${n.minutes}`).sort();

describe('playbook', () => {
  it('without one: the deployer at 8 minutes, card-db at 18', () => {
    expect(reached(run({}))).toEqual(['payments/card-db@18', 'payments/payments-api@18', `${DEPLOYER}@8`, `${FRONTEND}@0`, 'secret:payments/card-db-credentials@18', 'secret:web/deployer-token@3', 'system:serviceaccount:payments:card-db@18', 'system:serviceaccount:payments:payments-api@18'].sort());
  });

  it('revoking the deployer at 15 minutes cuts off card-db; revoking the stolen token then is too late to matter', () => {
    const r = run({ playbook: [{ at: '15m', action: 'revoke', target: FRONTEND }, { at: '15m', action: 'revoke', target: DEPLOYER }] });
    expect(reached(r)).toEqual([`${DEPLOYER}@8`, `${FRONTEND}@0`, 'secret:web/deployer-token@3'].sort());
    expect(r.playbook!.map((a) => `${a.action} ${a.target} at ${a.at}: ${a.cutOff.length} cut off, too late for [${a.tooLateFor.join(', ')}]`)).toEqual([`revoke ${DEPLOYER} at 15: 5 cut off, too late for []`, `revoke ${FRONTEND} at 15: 0 cut off, too late for []`]);
    expect(r.blastRadius.tier0).toBe(0);
  });

  it('an action after the crown jewels fell says it was too late for them, and changes nothing', () => {
    const r = run({ playbook: [{ at: '30m', action: 'revoke', target: DEPLOYER }] });
    expect(reached(r)).toEqual(reached(run({})));
    expect(r.playbook![0]!.tooLateFor).toEqual(['payments/card-db', 'secret:payments/card-db-credentials']);
  });

  it('never widens reach: any revoke time leaves a subset of what no playbook reaches', () => {
    const all = new Set(run({}).reached.map((n) => n.id));
    for (const at of ['1m', '3m', '8m', '9m', '17m', '18m', '2h']) {
      for (const target of [FRONTEND, DEPLOYER]) for (const n of run({ playbook: [{ at, action: 'revoke', target }] }).reached) expect(all.has(n.id), `${target} at ${at}: ${n.id}`).toBe(true);
    }
  });

  it('blocking the deployer\'s exec into card-db at 15 minutes only delays it: the attacker goes round through payments-api (48 minutes, not 18)', () => {
    const r = run({ playbook: [{ at: '15m', action: 'block', from: DEPLOYER, to: 'payments/card-db' }] });
    expect(r.reached.find((n) => n.id === 'payments/card-db')?.minutes).toBe(48);
    expect(r.reached.find((n) => n.id === 'payments/payments-api')?.minutes).toBe(18);
    expect(r.playbook!.map((a) => `${a.action} ${a.target}: [${a.cutOff.join(', ')}]`)).toEqual([`block ${DEPLOYER} -> payments/card-db: []`]);
    // The same block before the deployer acts at 8 minutes is no better: the edge is one of several.
    expect(run({ playbook: [{ at: '1m', action: 'block', from: DEPLOYER, to: 'payments/card-db' }] }).reached.find((n) => n.id === 'payments/card-db')?.minutes).toBe(48);
  });

  it('applying a policy change at 20 minutes (a network deny into card-db) closes the detour the block left; at 60 minutes it is too late', () => {
    const block = { at: '15m', action: 'block', from: DEPLOYER, to: 'payments/card-db' };
    const freeze = (at: string) => ({ at, action: 'apply', overlay: 'freeze-card-db.yaml' });
    const r = run({ playbook: [block, freeze('20m')] });
    expect(r.reached.some((n) => n.id === 'payments/card-db')).toBe(false);
    // Each is needed: without either one, card-db falls.
    expect(r.playbook!.map((a) => `${a.action} ${a.target}: [${a.cutOff.join(', ')}]`)).toEqual([`block ${DEPLOYER} -> payments/card-db: [payments/card-db]`, 'apply freeze-card-db.yaml: [payments/card-db]']);
    const late = run({ playbook: [block, freeze('60m')] });
    expect(late.reached.find((n) => n.id === 'payments/card-db')?.minutes).toBe(48);
    expect(late.playbook![1]!.tooLateFor).toEqual(['payments/card-db', 'secret:payments/card-db-credentials']);
    // Nothing else moves: what the change does not touch is reached as without it.
    expect(reached(run({ playbook: [freeze('20m')] }))).toEqual(reached(run({})));
  });

  it('an overlay holds policies only, and one per scenario', () => {
    expect(() => run({ playbook: [{ at: '5m', action: 'apply', overlay: 'not-policies.yaml' }] })).toThrow(/an overlay holds native `policies:` only/);
    try {
      run({ playbook: [{ at: '5m', action: 'apply', overlay: 'freeze-card-db.yaml' }, { at: '6m', action: 'apply', overlay: 'freeze-card-db.yaml' }] });
      expect.unreachable();
    } catch (err) {
      expect((err as InputError).problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['playbook[1].overlay: one policy change (apply) per scenario: put the policies of both in one overlay file']);
    }
  });

  it('a block needs an edge: a network hop between classes is changed by policy, not by the playbook', () => {
    try {
      run({ playbook: [{ at: '5m', action: 'block', from: 'web/frontend', to: 'payments/payments-api' }] });
      expect.unreachable();
    } catch (err) {
      expect((err as InputError).problems.map((p) => p.path)).toEqual(['playbook[0].to']);
      expect((err as InputError).problems[0]!.message).toMatch(/^no edge from web\/frontend to payments\/payments-api to block/);
    }
  });

  it('attacker minutes per technique replace the rules\' defaults', () => {
    const r = run({ minutes: { T1610: '1m', 'T1552.007': '1m' } });
    expect(r.reached.find((n) => n.id === 'payments/card-db')?.minutes).toBe(1 + 5 + 1);
  });

  it('a target of the wrong kind is an error at the action', () => {
    expect(() => run({ playbook: [{ at: '5m', action: 'quarantine', target: FRONTEND }] })).toThrow(InputError);
    try {
      run({ playbook: [{ at: '5m', action: 'quarantine', target: FRONTEND }] });
    } catch (err) {
      expect((err as InputError).problems.map((p) => `${p.path}: ${p.message}`)).toEqual([`playbook[0].action: quarantine takes a workload; ${FRONTEND} is an identity`]);
    }
  });
});
