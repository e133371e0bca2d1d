// Machine-readable output of `tollgate check`: every finding, load error and skip, plus the summary.
import type { CheckFinding, CheckReport } from './check-model.js';
import { joinChunks, StreamedList } from './serialize/chunks.js';
import { prettyJsonChunks } from './serialize/json-chunks.js';

/** Render the whole report as one JSON document (findings in report order, passes included). */
export function renderCheckJson(report: CheckReport): string {
  return joinChunks(checkJsonChunks(report));
}

/** The JSON document of renderCheckJson in pieces: a large repository's findings are never one string. */
export function* checkJsonChunks(report: CheckReport): Generator<string> {
  const doc = {
    results: new StreamedList(report.results, resultOf),
    errors: report.errors.map((e) => ({ file: e.file, line: e.line, message: e.message })),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    summary: { ...report.summary },
  };
  yield* prettyJsonChunks(doc);
  yield '\n';
}

// Fixed keys first in a fixed order; the optional details only when known.
function resultOf(f: CheckFinding): Record<string, unknown> {
  const r = f.resource;
  // Undefined members are left out by JSON.stringify, as absent keys would be.
  return {
    file: f.file,
    line: f.line,
    policy: f.policy,
    rule: f.rule,
    resource: { apiVersion: r.apiVersion, kind: r.kind, namespace: r.namespace, name: r.name },
    result: f.result,
    action: f.action,
    message: f.message,
    column: f.column,
    field: f.field,
    severity: f.severity,
    category: f.category,
    change: f.change,
  };
}
