// The page's view of the JSON API (docs/dashboard.md): typed fetches, no state.
import type { PolicySummary, ResultFilter, ResultPage } from '../model.js';
import type { PolicyResource, TrendPoint } from '../queries.js';
import type { PolicyRollout } from '../../rollout/model.js';

/** GET /api/summary. */
export interface Summary {
  readonly snapshot: { id: number; takenAt: string; source: string } | null;
  readonly totals: Record<'pass' | 'fail' | 'warn' | 'error' | 'skip', number>;
  readonly policies: PolicySummary[];
  readonly ready: number;
  readonly notes: string[];
  /** Seconds between the server's snapshots; 0 when it takes one at start only. */
  readonly refreshSeconds: number;
}

/** GET /api/policy. */
export interface PolicyDetail {
  readonly policy: PolicySummary;
  readonly rollout: PolicyRollout | null;
  readonly resources: PolicyResource[];
}

/** A failure group of GET /api/failures. */
export interface FailureGroup {
  readonly key: string | null;
  readonly failures: number;
}

async function get<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, String(v));
  const res = await fetch(`${path}${query.size ? `?${query}` : ''}`);
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `${path}: HTTP ${res.status}`);
  return body;
}

/** The calls the page makes. */
export const api = {
  summary: () => get<Summary>('/api/summary'),
  policy: (name: string) => get<PolicyDetail>('/api/policy', { name }),
  results: (filter: ResultFilter, page: number, pageSize: number) =>
    get<ResultPage>('/api/results', { ...filter, page, pageSize }),
  failures: (by: string, filter: ResultFilter) => get<{ groups: FailureGroup[] }>('/api/failures', { ...filter, by }),
  filters: () => get<Record<string, string[]>>('/api/filters'),
  trend: () => get<{ points: TrendPoint[] }>('/api/trend'),
};
