/**
 * Resources named in policies become nodes, so grants can point at them: S3 buckets (object
 * ARNs fold into their bucket), Secrets Manager secrets, KMS keys, DynamoDB tables, SSM
 * parameters, SQS queues and SNS topics. Wildcard names stand for no one resource and are
 * left out.
 */
import type { AwsModel, IamDocument } from '../../model/aws.js';
import type { Resource } from '../../model/model.js';

const TYPES: Record<string, string> = { s3: 'bucket', secretsmanager: 'secret', kms: 'kms-key', dynamodb: 'table', ssm: 'parameter', sqs: 'queue', sns: 'topic' };

/** The node id a resource ARN belongs to, or undefined when it names no single resource of a kind lateral tracks. */
export function resourceNodeId(arn: string): { id: string; type: string; name: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const service = parts[2]!;
  const type = TYPES[service];
  if (!type) return undefined;
  let id = arn;
  if (service === 's3') {
    const bucket = parts.slice(5).join(':').split('/')[0]!;
    id = `arn:aws:s3:::${bucket}`;
  } else if (service === 'dynamodb') {
    id = arn.replace(/(:table\/[^/]+)\/.*$/, '$1');
  }
  const name = id.split(/[:/]/).at(-1)!;
  if (/[*?]/.test(id) || name === '') return undefined;
  return { id, type, name };
}

function documents(aws: AwsModel): IamDocument[] {
  return [...aws.principals.flatMap((p) => p.inline.map((i) => i.document)), ...[...aws.policies.values()].map((p) => p.document)];
}

export function resourceNodes(aws: AwsModel): Resource[] {
  const found = new Map<string, Resource>();
  for (const d of documents(aws)) {
    for (const s of d.statements) {
      for (const arn of s.resource ?? []) {
        const r = resourceNodeId(arn);
        if (r && !found.has(r.id)) found.set(r.id, { id: r.id, name: r.name, type: r.type, holds: [] });
      }
    }
  }
  return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}
