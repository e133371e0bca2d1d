// Shared test data for the report formatters: the fixture report and a finding builder.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { CheckFinding, CheckReport } from '../check-model.js';

/** The fixture report of testdata/check-report.yaml. */
export function loadReport(): CheckReport {
  return parse(readFileSync(new URL('./check-report.yaml', import.meta.url), 'utf8')) as CheckReport;
}

/** A failing Enforce finding on a Pod, with the given fields replaced. */
export function finding(over: Partial<CheckFinding> = {}): CheckFinding {
  return {
    file: 'a.yaml',
    line: 1,
    policy: 'p',
    rule: 'r',
    resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'x' },
    result: 'fail',
    action: 'Enforce',
    message: 'm',
    ...over,
  };
}
