// Per-rule comparison of two batch outcomes: result rows by policy, rule and resource; mutated resources by
// resource; generated resources as a multiset. Returns the divergences, each self-describing.
import { normaliseMessage, normaliseMetadataKeys } from './normalise.mjs';

/** A stable JSON text of `v` (object keys sorted), for comparing documents. */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

const rowKey = (r) => `${r.policy}|${r.rule}|${r.kind}/${r.name}`;

function byKey(rows) {
  const m = new Map();
  for (const r of rows) m.set(rowKey(r), [...(m.get(rowKey(r)) ?? []), r]);
  return m;
}

/** The divergences between Kyverno's outcome `k` and Tollgate's `t` for one batch of `resources`. */
export function compareOutcomes(k, t, resources) {
  if (k.error || t.error) {
    if (k.error && t.error) return [];
    return [{ type: 'load', kyverno: k.error ?? 'loaded', tollgate: t.error ?? 'loaded' }];
  }
  const out = [];
  const kr = byKey(sameClusterPolicyNames(k.rows, t.rows));
  const tr = byKey(t.rows);
  for (const key of new Set([...kr.keys(), ...tr.keys()])) {
    const a = kr.get(key) ?? [];
    const b = tr.get(key) ?? [];
    const [policy, rule, resource] = key.split('|');
    // All of Kyverno's results for the policy and resource: they tell why a row is missing or extra.
    const kyvernoResults = k.rows.filter((x) => x.policy === policy && `${x.kind}/${x.name}` === resource).map(brief);
    const where = { policy, rule, resource, kyvernoResults };
    if (a.length !== b.length) {
      const type = a.length > b.length ? 'missing' : 'extra';
      out.push({ type, ...where, ruleType: b[0]?.ruleType, kyverno: a.map(brief), tollgate: b.map(brief) });
      continue;
    }
    a.forEach((x, i) => {
      const y = b[i];
      // `variants`: the messages Kyverno gave for the row over several runs, when they differ (Go map order).
      const subject = resources.find((r) => `${r.kind}/${r.metadata?.name}` === resource);
      const normalise = (m) => normaliseMetadataKeys(normaliseMessage(m), subject);
      const messages = (x.variants ?? [x.message]).map(normalise);
      const type = x.status !== y.status ? 'status' : !messages.includes(normalise(y.message)) ? 'message' : '';
      if (type) out.push({ type, ...where, ruleType: y.ruleType, kyverno: brief(x), tollgate: brief(y) });
    });
  }
  // Kyverno writes every resource a mutate policy was applied to, changed or not; the rest stay as given.
  for (const r of resources) {
    const resource = `${r.kind}/${r.metadata.name}`;
    const a = comparable(k.mutated.get(resource) ?? r);
    const b = comparable(t.mutated.get(resource) ?? r);
    if (canonical(a) === canonical(b)) continue;
    // Kyverno's results for the resource say why it left it unchanged (an error, say).
    const kyvernoResults = k.rows.filter((x) => `${x.kind}/${x.name}` === resource).map(brief);
    out.push({ type: 'mutated', resource, kyverno: a, tollgate: b, kyvernoResults });
  }
  const ka = k.generated.map(canonical).sort();
  const ta = t.generated.map(canonical).sort();
  if (ka.join('\n') !== ta.join('\n'))
    out.push({
      type: 'generated',
      kyverno: ka.filter((g) => !ta.includes(g)).map((g) => JSON.parse(g)),
      tollgate: ta.filter((g) => !ka.includes(g)).map((g) => JSON.parse(g)),
    });
  return out;
}

// A cluster-scoped policy kind written with `metadata.namespace` is `namespace/name` in Kyverno's CLI results and
// `name` in Tollgate's (the API server drops the namespace of a cluster-scoped object): documented, normalised.
function sameClusterPolicyNames(kyvernoRows, tollgateRows) {
  const names = new Set(tollgateRows.map((r) => r.policy));
  return kyvernoRows.map((r) => {
    const short = r.policy.split('/').pop();
    return !names.has(r.policy) && r.policy.includes('/') && names.has(short) ? { ...r, policy: short } : r;
  });
}

// Tollgate evaluates a namespaced resource without a namespace in `default`, as Kyverno does, and says so in
// the object it returns; Kyverno's written copy has an empty (or the given null) namespace instead. Both tools'
// loaders read a null map field (labels, annotations, data, …) as `{}`; a resource Kyverno did not write is
// compared as given, so those fields compare equal either way.
const NULL_MAP_FIELDS = new Set(['annotations', 'labels', 'matchLabels', 'nodeSelector', 'data', 'stringData']);

function comparable(resource) {
  const namespace = resource.metadata?.namespace;
  const metadata = { ...resource.metadata };
  if (namespace === undefined || namespace === null || namespace === '' || namespace === 'default')
    delete metadata.namespace;
  return emptyNullMaps({ ...resource, metadata });
}

function emptyNullMaps(v) {
  if (Array.isArray(v)) return v.map(emptyNullMaps);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, x === null && NULL_MAP_FIELDS.has(k) ? {} : emptyNullMaps(x)]),
  );
}

function brief(r) {
  return { status: r.status, message: r.message };
}
