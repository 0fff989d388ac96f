import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { writeEstate } from '../generate/write.js';
import { defaultNamespaces } from '../generate/plan.js';
import { UsageError } from '../model/errors.js';

interface Args {
  workloads: number;
  namespaces?: number;
  seed: number;
  out: string;
  force: boolean;
}

/** The parts of DIR that generate writes, and so removes first under --force. */
const OWNED = ['k8s', 'aws', 'scenarios'];

export const generateCommand: CommandModule<object, Args> = {
  command: 'generate',
  describe: 'write a synthetic estate (Kubernetes, Istio, RBAC, an AWS IAM export, scenarios) for tests and benchmarks',
  builder: (y) =>
    y
      .option('workloads', { alias: 'n', describe: 'number of Deployments (each with a Service and usually its own service account)', type: 'number', demandOption: true })
      .option('namespaces', { alias: 'm', describe: 'number of namespaces (default: max(3, workloads/50)); sizes are uneven, a few big and a long tail', type: 'number' })
      .option('seed', { describe: 'seed of the generator: the same seed writes the same bytes', type: 'number', default: 1 })
      .option('out', { alias: 'o', describe: 'directory to write k8s/, aws/ and scenarios/ into', type: 'string', demandOption: true })
      .option('force', { describe: 'write into a non-empty --out, replacing its k8s/, aws/ and scenarios/', type: 'boolean', default: false })
      .example('$0 generate --workloads 200 --out /tmp/gen200', 'a small estate')
      .example('$0 simulate /tmp/gen200/k8s /tmp/gen200/aws -s /tmp/gen200/scenarios', 'then run its scenarios')
      .example('$0 generate -n 100000 --seed 7 --out /tmp/big --force', 'a large one, replacing an earlier run') as never,
  handler: (args) => {
    const whole = (name: string, v: number | undefined, min: number) => {
      if (v === undefined) return;
      if (!Number.isInteger(v) || v < min) throw new UsageError(`--${name}: expected a whole number of at least ${min}, got ${v}`);
    };
    whole('workloads', args.workloads, 1);
    whole('namespaces', args.namespaces, 1);
    whole('seed', args.seed, 0);
    if (args.namespaces !== undefined && args.namespaces > args.workloads) throw new UsageError(`--namespaces (${args.namespaces}) cannot exceed --workloads (${args.workloads}): every namespace holds at least one workload`);
    if (existsSync(args.out)) {
      if (!statSync(args.out).isDirectory()) throw new UsageError(`--out ${args.out} exists and is not a directory`);
      if (readdirSync(args.out).length > 0) {
        if (!args.force) throw new UsageError(`--out ${args.out} exists and is not empty; choose another directory or pass --force to replace its k8s/, aws/ and scenarios/`);
        for (const d of OWNED) rmSync(join(args.out, d), { recursive: true, force: true });
      }
    }
    const tty = process.stderr.isTTY;
    const stats = writeEstate({
      workloads: args.workloads,
      namespaces: args.namespaces ?? defaultNamespaces(args.workloads),
      seed: args.seed,
      out: args.out,
      onProgress: tty ? (done, total) => process.stderr.write(`\r\x1b[Kwriting namespace ${done}/${total}`) : undefined,
    });
    if (tty) process.stderr.write('\r\x1b[K');
    const mb = (stats.bytes / 1e6).toFixed(1);
    process.stdout.write(
      `wrote ${args.out}: ${stats.workloads} workloads in ${stats.namespaces} namespaces, ${stats.networkPolicies} network policies, ` +
        `${stats.awsRoles} IAM roles and ${stats.awsUsers} users, 3 scenarios — ${stats.documents} documents in ${stats.files} files, ${mb} MB\n` +
        `try: lateral simulate ${join(args.out, 'k8s')} ${join(args.out, 'aws')} -s ${join(args.out, 'scenarios')}\n`,
    );
  },
};
