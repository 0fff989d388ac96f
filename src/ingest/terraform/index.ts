/**
 * Terraform: `terraform show -json` of a plan (the side `--plan-side` picks, `after` by
 * default) or of a state, read for the AWS provider's IAM resources. Every object's source is
 * the file and its resource address; a line is given only where the JSON has lines (a plan
 * printed on one line, as `terraform show -json` does, has none worth giving).
 */
import type { Source } from '../../model/model.js';
import { accountOf } from '../../model/aws.js';
import type { IngestContext } from '../context.js';
import type { ParsedDoc } from '../parse.js';
import { validate } from '../zod-problems.js';
import { stashIac } from '../iac/apply.js';
import { iamInput } from './iam.js';
import { planSchema, planSides, type TfResource } from './plan.js';

export { isTerraform } from './plan.js';

export function ingestTerraform(ctx: IngestContext, doc: ParsedDoc): void {
  const plan = validate(ctx, doc, [], planSchema, doc.value);
  if (!plan) return;
  const { resources, deleted } = planSides(plan, ctx.iac.planSide);
  const sourceOf = (r: TfResource): Source => {
    const source: Source = { file: doc.file, doc: doc.index, path: r.path, address: r.address };
    let line: number | undefined | null = null;
    Object.defineProperty(source, 'line', {
      enumerable: false,
      get: () => {
        if (line === null) line = doc.lineOf(r.path);
        return line === 1 ? undefined : line;
      },
    });
    return source;
  };
  const account = accountIn(resources);
  stashIac(ctx, { file: doc.file, ...(account ? { account } : {}), build: () => iamInput(doc.file, plan, resources, deleted, sourceOf) });
}

/** The account the plan itself states: its aws_caller_identity, else the ARN of an IAM object it knows. */
function accountIn(resources: readonly TfResource[]): string | undefined {
  const caller = resources.find((r) => r.mode === 'data' && r.type === 'aws_caller_identity')?.values.account_id;
  if (typeof caller === 'string' && /^\d{12}$/.test(caller)) return caller;
  for (const r of resources) {
    const arn = r.values.arn;
    if (typeof arn === 'string' && /^arn:aws[\w-]*:iam::\d{12}:/.test(arn)) return accountOf(arn);
  }
  return undefined;
}
