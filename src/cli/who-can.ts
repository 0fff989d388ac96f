import type { CommandModule } from 'yargs';
import { whoCan } from '../engine/who-can.js';
import { UsageError } from '../model/errors.js';
import { renderWhoCan } from '../output/who-can.js';
import { load, printJson, printText, requireIamAction, withCommon, type CommonArgs } from './common.js';

interface Args extends CommonArgs {
  action: string;
  resource: string;
}

export const whoCanCommand: CommandModule<object, Args> = {
  command: 'who-can <inputs..>',
  describe: 'AWS principals that can make a request, directly or through a chain of assume and escalate hops',
  builder: (y) =>
    withCommon(y)
      .option('action', { describe: 'the IAM action, e.g. s3:GetObject or s3:Get* (must name a real action: checked against the AWS service authorization reference)', type: 'string', demandOption: true })
      .option('resource', { describe: 'the resource ARN the action is on (use * for an action on no resource)', type: 'string', demandOption: true })
      .example('$0 who-can topologies/aws-demo --action s3:GetObject --resource arn:aws:s3:::acme-customer-backups/dump.sql', 'everyone who can read the backups')
      .example('$0 who-can export.json --action iam:PassRole --resource "arn:aws:iam::111122223333:role/admin" --json', 'as JSON') as never,
  handler: async (args) => {
    // Before loading, which may take minutes on a large estate.
    await requireIamAction(args.action, '--action');
    const { model, built, g, warnings } = await load(args);
    if (model.aws.principals.length === 0) throw new UsageError('who-can answers for AWS principals: give an `aws iam get-account-authorization-details` export');
    const result = whoCan(built.graph, g, built.ctx, args.action, args.resource);
    if (args.json) printJson('who-can', result, warnings);
    else printText(renderWhoCan(result));
  },
};
