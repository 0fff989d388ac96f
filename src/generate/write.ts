/**
 * Writes a generated estate under one directory, streaming one namespace at a time:
 *
 *   k8s/cluster-rbac.yaml   ClusterRoles and ClusterRoleBindings
 *   k8s/<namespace>.yaml    Namespace, ServiceAccounts, Secrets, Deployments, Services,
 *                           NetworkPolicies, Istio policies, Roles and RoleBindings
 *   aws/account.json        an `aws iam get-account-authorization-details` export
 *   aws/overlay.yaml        tiers for the crown-jewel buckets the export cannot tag
 *   scenarios/*.yaml        three scenarios naming objects that exist
 *
 * Documents are flushed to disk in chunks, so memory holds the plan (names and small
 * records) and one chunk, never the estate's documents.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { awsExport } from './aws.js';
import { denyTarget, istioDocs } from './istio.js';
import { coreDocs, networkPolicyDocs } from './k8s.js';
import { makePlan, type GenerateOptions } from './plan.js';
import { Rng } from './prng.js';
import { clusterRbacDocs, namespaceRbacDocs } from './rbac.js';
import { scenarioDocs } from './scenarios.js';
import { toYaml } from './yaml.js';

export interface GenerateStats {
  namespaces: number;
  workloads: number;
  networkPolicies: number;
  documents: number;
  awsRoles: number;
  awsUsers: number;
  files: number;
  bytes: number;
}

export interface WriteOptions extends GenerateOptions {
  out: string;
  /** called after each namespace file */
  onProgress?: (done: number, total: number) => void;
}

const CHUNK = 1 << 20;

class DocWriter {
  private fd: number;
  private parts: string[] = [];
  private size = 0;
  docs = 0;
  bytes = 0;

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  add(doc: unknown): void {
    const text = `${this.docs > 0 ? '---\n' : ''}${toYaml(doc)}`;
    this.docs++;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''));
    for (let off = 0; off < buf.length; ) off += writeSync(this.fd, buf, off);
    this.bytes += buf.length;
    this.parts = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function writeEstate(options: WriteOptions): GenerateStats {
  const plan = makePlan(options);
  const stats: GenerateStats = { namespaces: plan.namespaces.length, workloads: plan.workloads.length, networkPolicies: 0, documents: 0, awsRoles: 0, awsUsers: 0, files: 0, bytes: 0 };
  const dirs = { k8s: join(options.out, 'k8s'), aws: join(options.out, 'aws'), scenarios: join(options.out, 'scenarios') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const finish = (w: DocWriter) => {
    w.close();
    stats.files++;
    stats.documents += w.docs;
    stats.bytes += w.bytes;
  };

  const cluster = new DocWriter(join(dirs.k8s, 'cluster-rbac.yaml'));
  for (const d of clusterRbacDocs(plan)) cluster.add(d);
  finish(cluster);

  const deny = denyTarget(plan);
  const ordered = [...plan.namespaces].sort((a, b) => (a.name < b.name ? -1 : 1));
  ordered.forEach((ns, i) => {
    const w = new DocWriter(join(dirs.k8s, `${ns.name}.yaml`));
    // Separate streams per part, so one part's draws never shift another's.
    for (const d of coreDocs(plan, ns, Rng.for(plan.seed, `core:${ns.name}`))) w.add(d);
    for (const d of networkPolicyDocs(plan, ns, Rng.for(plan.seed, `np:${ns.name}`))) {
      w.add(d);
      stats.networkPolicies++;
    }
    for (const d of istioDocs(plan, ns, Rng.for(plan.seed, `istio:${ns.name}`), deny)) w.add(d);
    for (const d of namespaceRbacDocs(plan, ns, Rng.for(plan.seed, `rbac:${ns.name}`))) w.add(d);
    finish(w);
    options.onProgress?.(i + 1, ordered.length);
  });

  const aws = awsExport(plan.seed, plan.workloads.length);
  stats.awsRoles = aws.roles;
  stats.awsUsers = aws.users;
  const text = `${JSON.stringify(aws.json, null, 2)}\n`;
  writeFileSync(join(dirs.aws, 'account.json'), text);
  stats.files++;
  stats.documents++;
  stats.bytes += Buffer.byteLength(text);

  const overlay = new DocWriter(join(dirs.aws, 'overlay.yaml'));
  overlay.add({
    apiVersion: 'lateral/v1',
    kind: 'Overlay',
    metadata: { name: 'aws-crown-jewels', description: 'Buckets the IAM export cannot tag' },
    nodes: aws.crownJewels.map((id) => ({ id, tier: 0, owner: 'team-data' })),
  });
  finish(overlay);

  for (const { file, doc } of scenarioDocs(plan, true)) {
    const w = new DocWriter(join(dirs.scenarios, file));
    w.add(doc);
    finish(w);
  }
  return stats;
}
