/**
 * SARIF 2.1.0 (OASIS Standard, errata 01) of a lint result: one run, the lint rules as
 * `tool.driver.rules`, one result per finding located by a URI relative to the repository
 * root (§3.4.3: uriBaseId `%SRCROOT%`), as code-scanning services read it. Pure: the caller
 * says where the root is and what the tool is.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { LintResult } from '../lint/index.js';
import type { LintRule, Severity } from '../lint/rule.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
}

export interface SarifOptions {
  tool: SarifTool;
  /** absolute path of the repository root the URIs are relative to */
  root: string;
  /** the directory relative input paths are relative to */
  cwd: string;
}

/** `wildcard-mesh-allow` → `WildcardMeshAllow` (SARIF §3.49.7: a rule's name is an identifier). */
const ruleName = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', note: 'note' };

/** `file` relative to `root`, with forward slashes; a file outside the root stays absolute (as a file: URI). */
export function artifactUri(file: string, root: string, cwd: string): string {
  const abs = isAbsolute(file) ? file : resolve(cwd, file);
  const rel = relative(root, abs);
  if (rel.startsWith('..') || isAbsolute(rel)) return `file://${abs.split(sep).join('/')}`;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

export function renderSarif(result: LintResult, rules: readonly LintRule[], options: SarifOptions): object {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.tool.name,
            version: options.tool.version,
            informationUri: options.tool.informationUri,
            rules: rules.map((r) => ({
              id: r.id,
              name: ruleName(r.id),
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              help: { text: r.remediation },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${options.root.split(sep).join('/').replace(/\/?$/, '/')}` } },
        results: result.findings.map((f) => {
          const uri = f.file !== undefined ? artifactUri(f.file, options.root, options.cwd) : undefined;
          return {
            ruleId: f.rule,
            ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
            level: LEVEL[f.severity],
            message: { text: `${f.object}: ${f.message}` },
            ...(uri !== undefined
              ? {
                  locations: [
                    {
                      physicalLocation: {
                        artifactLocation: uri.startsWith('file://') ? { uri } : { uri, uriBaseId: '%SRCROOT%' },
                        ...(f.line !== undefined ? { region: { startLine: f.line } } : {}),
                      },
                    },
                  ],
                }
              : {}),
            properties: { object: f.object },
          };
        }),
      },
    ],
  };
}
