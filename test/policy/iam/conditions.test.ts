/** Condition operators, from the IAM "Condition operators" reference. */
import { describe, expect, it } from 'vitest';
import { evaluateConditions, type RequestContext } from '../../../src/policy/iam/index.js';

const known = (values: Record<string, string[]>, absent: string[] = []): RequestContext => ({ values, absent: new Set(absent) });
const r = (block: Record<string, Record<string, string[]>>, ctx: RequestContext) => evaluateConditions(block, ctx).result;

describe('IAM conditions', () => {
  it.each([
    ['StringEquals', ['alice'], 'alice', 'true'],
    ['StringEquals', ['Alice'], 'alice', 'false'],
    ['StringEqualsIgnoreCase', ['Alice'], 'alice', 'true'],
    ['StringNotEquals', ['bob'], 'alice', 'true'],
    ['StringLike', ['al*'], 'alice', 'true'],
    ['StringLike', ['a?ice'], 'alice', 'true'],
    ['StringNotLike', ['al*'], 'alice', 'false'],
    ['ArnLike', ['arn:aws:iam::*:user/a*'], 'arn:aws:iam::1:user/alice', 'true'],
    ['NumericLessThan', ['10'], '3', 'true'],
    ['DateGreaterThan', ['2020-01-01T00:00:00Z'], '2026-11-24T00:00:00Z', 'true'],
    ['Bool', ['true'], 'false', 'false'],
    ['IpAddress', ['10.0.0.0/8'], '10.1.2.3', 'true'],
    ['NotIpAddress', ['10.0.0.0/8'], '10.1.2.3', 'false'],
  ])('%s %o on %s → %s', (op, wanted, actual, expected) => {
    expect(r({ [op]: { 'k:key': wanted } }, known({ 'k:key': [actual] }))).toBe(expected);
  });

  it('values of one key are ORed; keys and operators are ANDed', () => {
    expect(r({ StringEquals: { 'k:a': ['x', 'y'] } }, known({ 'k:a': ['y'] }))).toBe('true');
    expect(r({ StringEquals: { 'k:a': ['x'], 'k:b': ['y'] } }, known({ 'k:a': ['x'], 'k:b': ['z'] }))).toBe('false');
    expect(r({ StringEquals: { 'k:a': ['x'] }, Bool: { 'k:b': ['true'] } }, known({ 'k:a': ['x'], 'k:b': ['true'] }))).toBe('true');
  });

  it('keys are case-insensitive', () => {
    expect(r({ StringEquals: { 'AWS:UserName': ['alice'] } }, known({ 'aws:username': ['alice'] }))).toBe('true');
  });

  it('a key lateral does not know is unknown, never guessed', () => {
    const out = evaluateConditions({ StringEquals: { 'aws:SourceVpce': ['vpce-1'] } }, known({}));
    expect(out).toEqual({ result: 'unknown', unknownKeys: ['StringEquals aws:SourceVpce'] });
  });

  it('a key known to be absent: positive operators fail, negated ones and IfExists hold', () => {
    const ctx = known({}, ['k:key']);
    expect(r({ StringEquals: { 'k:key': ['x'] } }, ctx)).toBe('false');
    expect(r({ StringNotEquals: { 'k:key': ['x'] } }, ctx)).toBe('true');
    expect(r({ StringEqualsIfExists: { 'k:key': ['x'] } }, ctx)).toBe('true');
    expect(r({ Null: { 'k:key': ['true'] } }, ctx)).toBe('true');
    expect(r({ Null: { 'k:key': ['false'] } }, ctx)).toBe('false');
  });

  it('ForAnyValue and ForAllValues over multi-valued keys', () => {
    const ctx = known({ 'k:tags': ['a', 'b'] });
    expect(r({ 'ForAnyValue:StringEquals': { 'k:tags': ['b', 'c'] } }, ctx)).toBe('true');
    expect(r({ 'ForAllValues:StringEquals': { 'k:tags': ['b', 'c'] } }, ctx)).toBe('false');
    expect(r({ 'ForAllValues:StringEquals': { 'k:tags': ['a', 'b', 'c'] } }, ctx)).toBe('true');
  });

  it('an operator lateral does not implement is unknown', () => {
    expect(r({ StringMatchesRegexMaybe: { 'k:key': ['x'] } }, known({ 'k:key': ['x'] }))).toBe('unknown');
  });
});
