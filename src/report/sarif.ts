// SARIF 2.1.0 output of `tollgate check`, in the subset GitHub code scanning accepts.
//
// Levels: a failing Enforce rule is `error` (it blocks the sync), and so is an Enforce rule that could not be
// evaluated (admission would refuse it under the default failurePolicy Fail); Audit failures, Audit rule errors and
// `warn` results (unscored policies) are `warning`. `note` is used only for the "not evaluated" notifications.
import { createHash } from 'node:crypto';
import { byLocation, isProblem, problemLevel, repoUri, resourceLabel, ruleId, splitPathLine } from './check-finding.js';
import type { CheckFinding, CheckReport } from './check-model.js';
import { sarifRules } from './sarif-rules.js';

/** Options of the SARIF output. */
export interface SarifOptions {
  /** The tollgate version, as `tool.driver.version`. */
  readonly toolVersion: string;
  readonly informationUri?: string;
}

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The partialFingerprints key: versioned, so a change of what it hashes can get a new key. */
export const FINGERPRINT_KEY = 'tollgateFinding/v1';

/** Render the report as a SARIF 2.1.0 log with one run; load errors and skips become execution notifications. */
export function renderSarif(report: CheckReport, opts: SarifOptions): string {
  const rules = sarifRules(report.results);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tollgate',
            version: opts.toolVersion,
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            rules,
          },
        },
        invocations: [invocation(report)],
        columnKind: 'utf16CodeUnits',
        results: report.results
          .filter(isProblem)
          .sort(byLocation)
          .map((f) => result(f, index.get(ruleId(f)) ?? 0)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function result(f: CheckFinding, ruleIndex: number): Record<string, unknown> {
  return {
    ruleId: ruleId(f),
    ruleIndex,
    level: problemLevel(f),
    message: { text: `${resourceLabel(f.resource)}: ${f.message}` },
    // GitHub code scanning needs a region on every result: an unknown line points at the top of the file.
    locations: [location(f.file, Math.max(1, f.line), f.column)],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
    ...(f.change === 'new' ? { baselineState: 'new' } : {}),
    properties: { result: f.result, action: f.action, ...(f.field ? { field: f.field } : {}) },
  };
}

/** A physical location; the region only when the line is known (SARIF lines start at 1). */
function location(file: string, line?: number, column?: number): Record<string, unknown> {
  const region =
    line && line >= 1 ? { startLine: line, ...(column && column >= 1 ? { startColumn: column } : {}) } : undefined;
  return {
    physicalLocation: {
      artifactLocation: { uri: repoUri(file), uriBaseId: '%SRCROOT%' },
      ...(region ? { region } : {}),
    },
  };
}

/** A hash of policy, rule and resource identity (API group, kind, namespace, name): stable when lines move. */
export function fingerprint(f: CheckFinding): string {
  const r = f.resource;
  const group = r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : '';
  const key = [f.policy, f.rule, group, r.kind, r.namespace, r.name].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function invocation(report: CheckReport): Record<string, unknown> {
  const loadErrors = report.errors.map((e) => ({
    level: 'error',
    descriptor: { id: 'load-error' },
    message: { text: e.message },
    locations: [location(e.file, e.line)],
  }));
  const skips = report.skipped.map((s) => {
    const at = splitPathLine(s.path);
    return {
      level: 'note',
      descriptor: { id: 'not-evaluated' },
      message: { text: `${s.path}: ${s.reason}` },
      locations: [location(at.file, at.line)],
    };
  });
  return { executionSuccessful: report.errors.length === 0, toolExecutionNotifications: [...loadErrors, ...skips] };
}
