import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { ExpectationFailed } from '../model/errors.js';
import { DEFAULT_ROOT_NAMESPACE } from '../policy/istio/index.js';
import { atOrAbove, LINT_RULES } from '../lint/index.js';
import { lintConfig, runLint } from '../lint/run.js';
import { SEVERITIES, type Severity } from '../lint/rule.js';
import { renderLintText } from '../output/lint-text.js';
import { renderSarif, type SarifTool } from '../output/sarif.js';
import { renderCodeQuality } from '../output/codequality.js';
import { repositoryOf } from '../diff/git.js';
import { loadBuilt, printJson, printText, withCommon, type CommonArgs } from './common.js';

/** The output formats of `lint --format`; `--json` is `--format json`. */
export const LINT_FORMATS = ['text', 'json', 'sarif', 'codequality'] as const;

interface Args extends CommonArgs {
  format?: (typeof LINT_FORMATS)[number];
  severity?: Severity;
  config?: string;
}

export const lintCommand: CommandModule<object, Args> = {
  command: 'lint <inputs..>',
  describe: 'policy hygiene without simulating: wildcard allows into tier 0/1, namespace-wide allows, missing owners, exception and observe-mode drift, static credentials, unused identities (text, JSON or SARIF)',
  builder: (y) =>
    withCommon(y)
      .option('format', { describe: 'output format: text for the terminal, json (as --json), sarif (SARIF 2.1.0 for code scanning), codequality (a GitLab code-quality report)', choices: LINT_FORMATS, default: 'text' as const })
      .option('severity', { describe: 'exit 1 when a finding of this severity or a higher one exists (error > warning > note)', choices: SEVERITIES, default: 'error' as const })
      .option('config', { describe: 'the lint config to read (default: the nearest .lateral.yaml from the first input\'s folder upward)', type: 'string' })
      .example('$0 lint topologies/demo-shop', 'every finding, then owner coverage, exception ages and observe-mode age; exit 1 on an error')
      .example('$0 lint topologies/demo-shop --severity warning', 'fail on warnings too (a CI gate)')
      .example('$0 lint k8s/ iam-export.json --format sarif > lateral.sarif', 'SARIF for GitHub code scanning (upload-sarif)')
      .example('$0 lint topologies/demo-shop --at 2026-07-01 --json', 'as JSON, exceptions and observe mode judged on a given date') as never,
  handler: async (args) => {
    const config = lintConfig(args.inputs[0] ?? '.', args.config);
    const istio = config.istioRootNamespace && (args['istio-root-namespace'] ?? DEFAULT_ROOT_NAMESPACE) === DEFAULT_ROOT_NAMESPACE ? { 'istio-root-namespace': config.istioRootNamespace } : {};
    const loaded = await loadBuilt({ ...args, ...istio });
    const result = await runLint(loaded, config);
    const { warnings } = loaded;
    const format = args.json ? 'json' : (args.format ?? 'text');
    if (format === 'json') printJson('lint', result, warnings);
    else if (format === 'codequality') process.stdout.write(`${JSON.stringify(renderCodeQuality(result, repositoryRoot(args.inputs[0] ?? '.'), process.cwd()), null, 2)}\n`);
    else if (format === 'sarif') process.stdout.write(`${JSON.stringify(renderSarif(result, LINT_RULES, { tool: tool(), root: repositoryRoot(args.inputs[0] ?? '.'), cwd: process.cwd() }), null, 2)}\n`);
    else printText(renderLintText(result), { wrap: false });
    const threshold = args.severity ?? 'error';
    const failing = result.findings.filter((f) => atOrAbove(f.severity, threshold)).length;
    if (failing) {
      process.stderr.write(`lateral lint: ${failing} finding${failing === 1 ? '' : 's'} at or above ${threshold}\n`);
      throw new ExpectationFailed(`${failing} lint findings at or above ${threshold}`);
    }
  },
};

/** The git top-level of the input's folder, else the current directory: where SARIF URIs start. */
export function repositoryRoot(input: string): string {
  try {
    return repositoryOf(input) ?? process.cwd();
  } catch {
    return process.cwd(); // no git on this machine
  }
}

export function tool(): SarifTool {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string; homepage?: string };
  return { name: pkg.name, version: pkg.version, informationUri: pkg.homepage ?? `https://www.npmjs.com/package/${pkg.name}` };
}
