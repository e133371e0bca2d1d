// Kyverno: policy validation (isLabelAndAnnotationsString) — the labels and annotations a validate pattern or a
// strategic merge patch writes under `metadata` or `spec.template.metadata` must be strings: a number, boolean,
// map or null there makes Kyverno reject the policy ("use double quotes around the non string values").
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import type { JsonPath } from '../result/location.js';
import type { PolicyProblem } from './check-policy.js';

const MESSAGE = 'labels and annotations supports only string values, "use double quotes around the non string values"';

/** The non-string label or annotation values of a rule's patterns and patches, as Kyverno's policy validation sees them. */
export function checkMetadataStrings(rule: JsonObject, at: JsonPath): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  for (const [doc, path] of inspectedDocuments(rule, at))
    for (const base of [['metadata'], ['spec', 'template', 'metadata']]) {
      const meta = valueAt(doc, base);
      if (!isObject(meta)) continue;
      for (const tag of ['labels', 'annotations']) {
        const values = meta[tag];
        if (!isObject(values)) continue;
        for (const [k, v] of Object.entries(values))
          if (typeof v !== 'string')
            out.push({ code: 'policy/metadata-strings', path: [...path, ...base, tag, k], message: MESSAGE });
      }
    }
  return out;
}

// Kyverno looks at the validate pattern, every anyPattern, the first foreach pattern or patch, or the rule's patch.
function inspectedDocuments(rule: JsonObject, at: JsonPath): [JsonValue, JsonPath][] {
  const v = isObject(rule.validate) ? rule.validate : undefined;
  const m = isObject(rule.mutate) ? rule.mutate : undefined;
  const docs: [JsonValue, JsonPath][] = [];
  if (v && Array.isArray(v.foreach)) {
    const first = v.foreach.findIndex((fe) => isObject(fe) && isObject(fe.pattern));
    if (first >= 0)
      docs.push([(v.foreach[first] as JsonObject).pattern, [...at, 'validate', 'foreach', first, 'pattern']]);
  } else if (v && isObject(v.pattern)) docs.push([v.pattern, [...at, 'validate', 'pattern']]);
  else if (v && Array.isArray(v.anyPattern))
    v.anyPattern.forEach((p, i) => docs.push([p, [...at, 'validate', 'anyPattern', i]]));
  if (m && Array.isArray(m.foreach)) {
    const first = m.foreach.findIndex((fe) => isObject(fe) && isObject(fe.patchStrategicMerge));
    if (first >= 0)
      docs.push([
        (m.foreach[first] as JsonObject).patchStrategicMerge,
        [...at, 'mutate', 'foreach', first, 'patchStrategicMerge'],
      ]);
  } else if (m && isObject(m.patchStrategicMerge))
    docs.push([m.patchStrategicMerge, [...at, 'mutate', 'patchStrategicMerge']]);
  return docs;
}

function valueAt(v: JsonValue, path: readonly string[]): JsonValue | undefined {
  let cur: JsonValue | undefined = v;
  for (const k of path) cur = isObject(cur) && Object.hasOwn(cur, k) ? cur[k] : undefined;
  return cur;
}
