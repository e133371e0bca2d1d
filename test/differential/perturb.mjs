// Perturbations of a resource: the awkward inputs users write by accident (missing, null and empty fields,
// numbers as strings and back, booleans as strings, non-ASCII and very long values), applied at random places.
import fc from 'fast-check';

/** The operations a perturbation can apply to the value at one path. */
export const OPERATIONS = [
  'delete',
  'null',
  'empty',
  'stringify',
  'numberize',
  'boolString',
  'nonAscii',
  'long',
  'wildcard',
];

// Identity fields stay as they are: results are keyed by kind and name.
const FIXED = new Set(['apiVersion', 'kind', 'metadata', 'metadata.name']);

/** Every path to a value in `doc` (objects and arrays included), except the identity fields. */
export function paths(doc) {
  const out = [];
  const walk = (v, path) => {
    if (path.length > 0 && !FIXED.has(path.join('.'))) out.push(path);
    if (v && typeof v === 'object')
      for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k]);
  };
  walk(doc, []);
  return out;
}

function replaced(value, op) {
  switch (op) {
    case 'null':
      return null;
    case 'empty':
      return Array.isArray(value) ? [] : value && typeof value === 'object' ? {} : '';
    case 'stringify':
      return typeof value === 'object' && value !== null ? value : String(value);
    case 'numberize':
      return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)
        ? Number(value)
        : typeof value === 'boolean'
          ? Number(value)
          : value;
    case 'boolString':
      return typeof value === 'boolean' ? String(value) : value === 'true' ? true : value === 'false' ? false : value;
    case 'nonAscii':
      return typeof value === 'string' ? `${value}-ünïcødé-世界` : value;
    case 'long':
      return typeof value === 'string' ? value + 'x'.repeat(300) : value;
    case 'wildcard':
      return typeof value === 'string' ? `${value}*` : value;
    default:
      return value;
  }
}

/** `doc` with `op` applied at `path` (a new object; `doc` is left as it is). */
export function perturbAt(doc, path, op) {
  const copy = structuredClone(doc);
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k];
  const last = path[path.length - 1];
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replaced(parent[last], op);
  return copy;
}

/** An arbitrary that perturbs `doc` at zero to `max` random places. */
export function perturbed(doc, max = 3) {
  return fc.array(fc.tuple(fc.nat(), fc.constantFrom(...OPERATIONS)), { maxLength: max }).map((steps) =>
    steps.reduce((d, [pick, op]) => {
      const all = paths(d);
      return all.length === 0 ? d : perturbAt(d, all[pick % all.length], op);
    }, doc),
  );
}
