// PolicyReport files given on the command line (rollout status, dashboard): the reports, and the other
// Kubernetes objects beside them (`kubectl get -o yaml` output), which name owning teams and Applications.
import {
  isKubernetesObject,
  listItems,
  renderSourceError,
  type JsonObject,
  type SourceDocument,
} from '../../engine/index.js';
import { readDocuments } from '../../files/read-documents.js';
import { isPolicyReport } from '../../report/summary/report-findings.js';
import { UserError } from '../errors.js';

/** Reports and live objects read from files or directories; UserError when unreadable or holding no report. */
export function readReportInputs(paths: readonly string[]): { reports: JsonObject[]; objects: JsonObject[] } {
  const read = readDocuments(paths);
  const e = read.errors[0];
  if (e) throw new UserError(renderSourceError(e).split('\n')[0]);
  const values = read.documents.flatMap(expandList).map((d) => d.value);
  const reports = values.filter(isPolicyReport);
  if (reports.length === 0) throw new UserError(`no PolicyReports in ${paths.join(', ')}`);
  const objects = values.filter((v): v is JsonObject => isKubernetesObject(v) && !isPolicyReport(v));
  return { reports, objects };
}

/** A `kind: List` (e.g. `kubectl get policyreports -A -o yaml`) stands for its items; other documents for themselves. */
export function expandList(d: SourceDocument): SourceDocument[] {
  const v = d.value;
  return isKubernetesObject(v) && String(v.kind).endsWith('List') && Array.isArray(v.items) ? listItems(d) : [d];
}
