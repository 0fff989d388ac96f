/**
 * `.lateral.yaml`: lint settings, found upward from the first input's folder the way
 * ESLint finds `.eslintrc`. Unknown fields are errors, located `file:line: path: message`.
 *
 *   observeMaxAgeDays: 30            observe mode older than this is a finding
 *   tierLabels: [criticality]        label keys read as a tier ("0", "1", "2") where the inputs give none
 *   istioRootNamespace: istio-system Istio's root namespace (the --istio-root-namespace default)
 *   suppress:
 *     - { rule: missing-owner, object: storefront/search, reason: owned by the vendor, expires: 2027-01-31 }
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError, type Problem } from '../model/errors.js';
import { parseFile, problemAt, type PathSegment } from '../ingest/parse.js';

export const CONFIG_FILE = '.lateral.yaml';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected a real date YYYY-MM-DD');

export const configSchema = z.strictObject({
  observeMaxAgeDays: z.number().int().positive().default(30),
  tierLabels: z.union([z.string().min(1).transform((s) => [s]), z.array(z.string().min(1))]).default([]),
  istioRootNamespace: z.string().min(1).optional(),
  suppress: z
    .array(
      z.strictObject({
        rule: z.string().min(1),
        /** the finding's object, exactly as lint prints it */
        object: z.string().min(1),
        reason: z.string().min(1),
        expires: isoDate.optional(),
      }),
    )
    .default([]),
});

export type LintConfig = z.infer<typeof configSchema> & {
  /** the file it was read from; absent for the defaults */
  file?: string;
  /** line of each `suppress` entry, for the expired-suppression finding */
  suppressLines?: (number | undefined)[];
};

export function defaultConfig(): LintConfig {
  return configSchema.parse({});
}

/** The nearest `.lateral.yaml` in `start` (a folder or a file's folder) or above it. */
export function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Reads and checks a config file: every problem at once (InputError, exit 2); `ruleIds`
 * are the rules a suppression may name.
 */
export function readConfig(file: string, ruleIds: readonly string[]): LintConfig {
  const parsed = parseFile(file);
  const problems: Problem[] = [...parsed.problems];
  const doc = parsed.docs[0];
  if (problems.length) throw new InputError(problems);
  if (!doc || doc.value === null || doc.value === undefined) return { ...defaultConfig(), file, suppressLines: [] };
  if (parsed.docs.length > 1) problems.push(problemAt(parsed.docs[1]!, [], 'expected one YAML document'));
  const result = configSchema.safeParse(doc.value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p) => typeof p !== 'symbol') as PathSegment[];
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) problems.push(problemAt(doc, [...path, key], `unknown field "${key}"`));
      else problems.push(problemAt(doc, path, issue.message));
    }
    throw new InputError(problems);
  }
  const known = new Set(ruleIds);
  result.data.suppress.forEach((s, i) => {
    if (!known.has(s.rule)) problems.push(problemAt(doc, ['suppress', i, 'rule'], `unknown lint rule "${s.rule}"; known: ${[...known].join(', ')}`));
  });
  if (problems.length) throw new InputError(problems);
  return { ...result.data, file, suppressLines: result.data.suppress.map((_, i) => doc.lineOf(['suppress', i])) };
}
