// The fields results are filtered by, one list for the SQL, the API and the page (no imports: the page bundles it).

/** Each an equality on its column; the free-text `q` comes besides. */
export const FILTER_FIELDS = ['policy', 'namespace', 'team', 'kind', 'result', 'severity', 'category'] as const;

/** One filter field. */
export type FilterField = (typeof FILTER_FIELDS)[number];
