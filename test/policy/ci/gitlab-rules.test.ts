/** GitLab `rules:` / `only:` / `except:` per pipeline, from GitLab's CI/CD YAML reference. */
import { describe, expect, it } from 'vitest';
import { evaluateIf, runsIn, type PipelineContext } from '../../../src/policy/ci/gitlab-rules.js';

const push = (ref: string, refType: 'branch' | 'tag' = 'branch'): PipelineContext => ({ source: 'push', refType, ref, defaultBranch: 'main', protectedRef: ref === 'main', project: 'g/p' });
const mr = (ref: string): PipelineContext => ({ source: 'merge_request_event', refType: 'branch', ref, defaultBranch: 'main', protectedRef: false, project: 'g/p' });

describe('rules: if expressions', () => {
  it.each([
    ['$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', push('main'), 'yes'],
    ['$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', push('dev'), 'no'],
    ['$CI_COMMIT_BRANCH == "main"', mr('main'), 'no'], // CI_COMMIT_BRANCH is unset in merge request pipelines
    ['$CI_COMMIT_TAG', push('v1', 'tag'), 'yes'],
    ['$CI_COMMIT_TAG', push('main'), 'no'],
    ['$CI_COMMIT_TAG == null', push('main'), 'yes'],
    ["$CI_COMMIT_REF_NAME =~ /^release-/", push('release-1'), 'yes'],
    ["$CI_COMMIT_REF_NAME !~ /^release-/", push('release-1'), 'no'],
    ['$CI_PIPELINE_SOURCE == "merge_request_event" || $CI_COMMIT_TAG', mr('x'), 'yes'],
    ['($CI_PIPELINE_SOURCE == "push") && $CI_COMMIT_BRANCH != "main"', push('dev'), 'yes'],
    ['$CI_COMMIT_REF_PROTECTED == "true"', push('main'), 'yes'],
    ['$DEPLOY == "yes"', push('main'), 'maybe'],
    ['$DEPLOY == "yes" && $CI_COMMIT_TAG', push('main'), 'no'], // false either way
    ['$DEPLOY == "yes" || $CI_COMMIT_BRANCH', push('main'), 'yes'], // true either way
  ] as const)('%s', (expression, ctx, verdict) => {
    expect(evaluateIf(expression, ctx)).toBe(verdict);
  });

  it('cannot parse what is not an expression, and says so', () => {
    expect(evaluateIf('$A ==', push('main'))).toBeUndefined();
    expect(evaluateIf('$A == "x" &&', push('main'))).toBeUndefined();
  });
});

describe('rules, only and except', () => {
  it('the first rule that holds decides; none holding keeps the job out', () => {
    const rules = [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' }, { if: '$CI_COMMIT_BRANCH', when: 'on_success' }];
    expect(runsIn({ rules }, mr('x')).verdict).toBe('no');
    expect(runsIn({ rules }, push('x')).verdict).toBe('yes');
    expect(runsIn({ rules }, push('v1', 'tag')).verdict).toBe('no');
  });

  it('an undecidable rule before a decided one: maybe, with the rule named as the gate', () => {
    const out = runsIn({ rules: [{ if: '$RUN == "1"', when: 'never' }, { when: 'on_success' }] }, push('main'));
    expect(out).toEqual({ verdict: 'maybe', gates: ['rules: if $RUN == "1"'] });
  });

  it('without rules a job runs in branch and tag pipelines, not merge request ones', () => {
    expect(runsIn(undefined, push('dev')).verdict).toBe('yes');
    expect(runsIn(undefined, push('v1', 'tag')).verdict).toBe('yes');
    expect(runsIn(undefined, mr('dev')).verdict).toBe('no');
  });

  it('only / except by name, regex and keyword', () => {
    const only = (refs: string[]) => ({ only: { refs, variables: [] } });
    expect(runsIn(only(['main']), push('main')).verdict).toBe('yes');
    expect(runsIn(only(['/^release-.*$/']), push('release-2')).verdict).toBe('yes');
    expect(runsIn(only(['merge_requests']), mr('x')).verdict).toBe('yes');
    expect(runsIn(only(['main']), mr('main')).verdict).toBe('no');
    expect(runsIn({ except: { refs: ['tags'], variables: [] } }, push('v1', 'tag')).verdict).toBe('no');
  });

  it('workflow: rules gate every job', () => {
    expect(runsIn({ workflow: [{ if: '$CI_COMMIT_TAG', when: 'always' }] }, push('main')).verdict).toBe('no');
    expect(runsIn({ workflow: [{ if: '$CI_COMMIT_TAG', when: 'always' }] }, push('v1', 'tag')).verdict).toBe('yes');
  });
});
