/**
 * Roles by the AWS principals their trust policies name, so that sts:AssumeRole is evaluated
 * only for the roles whose trust can name a caller, not for every role. A trust with no
 * Allow statement naming the caller — by ARN, a session of it, `*`, or its account — denies
 * it (trust.ts), so the roles left out need no evaluation; those returned are still
 * evaluated (IamEngine.canAssume).
 */
import type { IamPrincipal } from '../../model/aws.js';
import { union } from './positions.js';
import { trustedAwsEntries } from './trust.js';

export interface AwsCaller {
  arn: string;
  account: string;
  /** A role caller's name: a trust may name a session of it. */
  roleName?: string;
}

export class TrustIndex {
  private readonly byArn = new Map<string, number[]>();
  private readonly bySession = new Map<string, number[]>();
  private readonly byAccount = new Map<string, number[]>();
  private readonly everyone: number[] = [];

  /** Positions refer to `roles`. */
  constructor(roles: readonly IamPrincipal[]) {
    const push = (list: number[], i: number) => {
      if (list[list.length - 1] !== i) list.push(i);
    };
    const add = (map: Map<string, number[]>, key: string, i: number) => {
      const list = map.get(key);
      if (list) push(list, i);
      else map.set(key, [i]);
    };
    roles.forEach((role, i) => {
      for (const s of role.trust?.statements ?? []) {
        // A Deny statement only takes trust away.
        if (s.effect !== 'Allow') continue;
        const entries = trustedAwsEntries(s);
        if (entries === 'everyone') {
          push(this.everyone, i);
          continue;
        }
        for (const e of entries) {
          if (e.kind === 'wildcard') push(this.everyone, i);
          else if (e.kind === 'account') add(this.byAccount, e.account, i);
          else {
            add(this.byArn, e.arn, i);
            if (e.session) add(this.bySession, `${e.session.account}:${e.session.roleName}`, i);
          }
        }
      }
    });
  }

  /** Roles (ascending positions) whose trust may name the caller itself: its ARN, a session of it, or everyone. */
  namingCaller(c: AwsCaller): number[] {
    const lists = [this.byArn.get(c.arn), this.everyone, c.roleName !== undefined ? this.bySession.get(`${c.account}:${c.roleName}`) : undefined];
    return union(lists.filter((l): l is number[] => l !== undefined && l.length > 0));
  }

  /** Roles (ascending positions) whose trust names the caller's account, delegating to its identity policies. */
  namingAccount(account: string): readonly number[] {
    return this.byAccount.get(account) ?? [];
  }
}
