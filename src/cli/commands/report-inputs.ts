// The PolicyReports a command is given (rollout status, dashboard): files, with the other Kubernetes objects beside
// them (`kubectl get -o yaml` output), which name owning teams and Applications; or the cluster's reports, with its
// Namespaces (whose labels name teams and answer namespace selectors).
import { isKubernetesObject, listItems, type JsonObject, type SourceDocument } from '../../engine/index.js';
import { readOrFail } from '../read-inputs.js';
import { isPolicyReport, reportFindings, type ReportFinding } from '../../report/summary/report-findings.js';
import { UserError } from '../errors.js';
import { listClusterNamespaces, listClusterReports } from './cluster-reports.js';

/** Reports and live objects read from files or directories; UserError when unreadable or holding no report. */
export function readReportInputs(paths: readonly string[]): { reports: JsonObject[]; objects: JsonObject[] } {
  const values = readOrFail(paths)
    .flatMap(expandList)
    .map((d) => d.value);
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

/** Where the reports come from: files or directories, the cluster (kubeconfig and context), or both. */
export interface ReportSources {
  readonly reports?: readonly string[];
  readonly cluster?: boolean;
  readonly kubeconfig?: string;
  readonly context?: string;
}

/** The reports' results and the objects beside them, read once for every consumer of one run. */
export interface ReportSide {
  readonly findings: ReportFinding[];
  /** Live objects among the report files, and the cluster's Namespaces. */
  readonly objects: JsonObject[];
  /** How many reports were read. */
  readonly reportCount: number;
  /** Where they came from, for messages and the dashboard's header. */
  readonly source: string;
}

/** Read the reports of `from`; entries that cannot be read, and Namespaces that cannot be listed, become notes. */
export async function readReportSide(from: ReportSources, notes: string[]): Promise<ReportSide> {
  const reports: JsonObject[] = [];
  const objects: JsonObject[] = [];
  const sources: string[] = [];
  if (from.reports?.length) {
    const read = readReportInputs(from.reports);
    reports.push(...read.reports);
    objects.push(...read.objects);
    sources.push(from.reports.join(', '));
  }
  if (from.cluster) {
    const target = { kubeconfig: from.kubeconfig, context: from.context };
    reports.push(...(await listClusterReports(target)));
    // Teams and namespace selectors read Namespace labels: one LIST, where reading each reported object would
    // cost a GET per resource.
    const namespaces = await listClusterNamespaces(target).catch((e: Error) => {
      notes.push(`namespace labels are unknown (teams, namespace selectors): ${e.message}`);
      return [];
    });
    objects.push(...namespaces);
    sources.push('the cluster');
  }
  const findings: ReportFinding[] = [];
  for (const report of reports) {
    const r = reportFindings(report);
    findings.push(...r.findings);
    notes.push(...r.problems);
  }
  return { findings, objects, reportCount: reports.length, source: sources.join(', ') };
}
