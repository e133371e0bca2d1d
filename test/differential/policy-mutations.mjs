// Policies derived from the corpus by mutation: the variations users write (failure actions, anchors,
// wildcards, condition operators, match and exclude blocks, preconditions, context variables), each applied to
// a copy so both tools see the same derived policy.
import fc from 'fast-check';

const OPERATORS = [
  'Equals',
  'NotEquals',
  'In',
  'AnyIn',
  'AllIn',
  'NotIn',
  'AnyNotIn',
  'AllNotIn',
  'GreaterThan',
  'GreaterThanOrEquals',
  'LessThan',
  'LessThanOrEquals',
];
const ANCHORS = [(k) => k, (k) => `=(${k})`, (k) => `X(${k})`, (k) => `(${k})`];
const WILDCARDS = [() => '*', () => '?*', (v) => `${v}*`, (v) => `!${v}`, (v) => `${v} | other`, () => '>0'];

const rulesOf = (p) => (Array.isArray(p.spec?.rules) ? p.spec.rules : []);
const isCel = (p) => p.apiVersion?.startsWith('policies.kyverno.io');

/** Every object below `v` whose key is `key` (with its parent, to replace it). */
function findAll(v, test, out = []) {
  if (v && typeof v === 'object')
    for (const [k, c] of Object.entries(v)) {
      if (test(k, c)) out.push({ parent: v, key: k });
      findAll(c, test, out);
    }
  return out;
}
const unanchored = (k) => k.replace(/^[=X^+<]?\((.*)\)$/, '$1');

// Each operator mutates `policy` in place using `pick(n)` (0 ≤ result < n); returns false when it had nothing
// to change.
const OPERATIONS = {
  failureAction(p) {
    if (isCel(p)) {
      // Only the validating kinds have validationActions.
      if (!p.spec || !/ValidatingPolicy$/.test(p.kind)) return false;
      p.spec.validationActions = p.spec.validationActions?.includes('Deny') ? ['Audit'] : ['Deny'];
      return true;
    }
    if (!p.spec) return false;
    p.spec.validationFailureAction = p.spec.validationFailureAction === 'Enforce' ? 'Audit' : 'Enforce';
    for (const r of rulesOf(p))
      if (r.validate?.failureAction) r.validate.failureAction = p.spec.validationFailureAction;
    return true;
  },
  anchor(p, pick) {
    const patterns = rulesOf(p)
      .flatMap((r) => [r.validate?.pattern, ...(r.validate?.anyPattern ?? [])])
      .filter(Boolean);
    const keys = patterns.flatMap((x) =>
      findAll(x, (k, c) => k !== 'metadata' && c !== undefined && !k.startsWith('^')),
    );
    if (keys.length === 0) return false;
    const { parent, key } = keys[pick(keys.length)];
    const renamed = ANCHORS[pick(ANCHORS.length)](unanchored(key));
    if (renamed === key || renamed in parent) return false;
    parent[renamed] = parent[key];
    delete parent[key];
    return true;
  },
  wildcard(p, pick) {
    const patterns = rulesOf(p)
      .flatMap((r) => [r.validate?.pattern, ...(r.validate?.anyPattern ?? [])])
      .filter(Boolean);
    const leaves = patterns.flatMap((x) => findAll(x, (_, c) => typeof c === 'string' && !c.includes('{{')));
    if (leaves.length === 0) return false;
    const { parent, key } = leaves[pick(leaves.length)];
    parent[key] = WILDCARDS[pick(WILDCARDS.length)](parent[key]);
    return true;
  },
  operator(p, pick) {
    const conditions = findAll(p.spec, (k, c) => k === 'operator' && typeof c === 'string' && OPERATORS.includes(c));
    if (conditions.length === 0) return false;
    const { parent } = conditions[pick(conditions.length)];
    parent.operator = OPERATORS[pick(OPERATORS.length)];
    return true;
  },
  exclude(p, pick) {
    const rules = rulesOf(p);
    if (rules.length === 0) return false;
    const r = rules[pick(rules.length)];
    const blocks = [
      { resources: { namespaces: ['kube-system', 'team-*'] } },
      { resources: { selector: { matchLabels: { env: 'dev' } } } },
      { resources: { names: ['*-1*'] } },
      { resources: { annotations: { owner: '?*' } } },
    ];
    r.exclude = { any: [blocks[pick(blocks.length)]] };
    return true;
  },
  match(p, pick) {
    const rules = rulesOf(p).filter((r) => Array.isArray(r.match?.any) && r.match.any[0]?.resources);
    if (rules.length === 0) return false;
    const m = rules[pick(rules.length)].match;
    const variants = [
      () => (m.any[0].resources.selector = { matchLabels: { app: 'web' } }),
      () => (m.any[0].resources.namespaces = ['prod', 'default']),
      () => (m.any[0].resources.operations = ['CREATE']),
      () => (m.any[0].resources.names = ['*-?']),
      () => {
        m.all = m.any;
        delete m.any;
      },
    ];
    variants[pick(variants.length)]();
    return true;
  },
  precondition(p, pick) {
    const rules = rulesOf(p);
    if (rules.length === 0) return false;
    const r = rules[pick(rules.length)];
    const conditions = [
      { key: "{{ request.object.metadata.labels.team || '' }}", operator: 'NotEquals', value: '' },
      { key: '{{ request.operation }}', operator: 'AnyIn', value: ['CREATE', 'UPDATE'] },
      { key: "{{ request.object.metadata.namespace || '' }}", operator: 'Equals', value: 'prod' },
      { key: '{{ length(request.object.metadata.labels || `{}`) }}', operator: 'GreaterThan', value: 1 },
    ];
    r.preconditions = {
      ...(r.preconditions ?? {}),
      all: [...(r.preconditions?.all ?? []), conditions[pick(conditions.length)]],
    };
    return true;
  },
  contextVariable(p, pick) {
    const rules = rulesOf(p);
    if (rules.length === 0) return false;
    const r = rules[pick(rules.length)];
    const variables = [
      { name: 'tgLabels', variable: { jmesPath: 'request.object.metadata.labels', default: {} } },
      { name: 'tgLabels', variable: { value: { app: 'web' } } },
    ];
    r.context = [...(r.context ?? []), variables[pick(variables.length)]];
    const op = pick(2) ? 'Equals' : 'NotEquals';
    r.preconditions = {
      ...(r.preconditions ?? {}),
      all: [...(r.preconditions?.all ?? []), { key: "{{ tgLabels.app || '' }}", operator: op, value: 'web' }],
    };
    return true;
  },
  celCondition(p, pick) {
    if (!isCel(p) || !p.spec) return false;
    const conditions = [
      { name: 'tg-labelled', expression: "has(object.metadata.labels) && 'app' in object.metadata.labels" },
      { name: 'tg-not-system', expression: "object.metadata.?namespace.orValue('') != 'kube-system'" },
    ];
    const c = conditions[pick(conditions.length)];
    // Names are a list-map key: a duplicate would make the policy invalid (and Kyverno's CLI silently skips it).
    if ((p.spec.matchConditions ?? []).some((x) => x.name === c.name)) return false;
    p.spec.matchConditions = [...(p.spec.matchConditions ?? []), c];
    return true;
  },
};
const NAMES = Object.keys(OPERATIONS);

/** `policies` with one to three mutations, reproducible from `seed`; with probability 1 − `rate`, unchanged. */
export function mutatedPolicies(policies, seed, rate = 0.5) {
  const [draws] = fc.sample(fc.array(fc.nat(), { minLength: 32, maxLength: 32 }), { seed, numRuns: 1 });
  let at = 0;
  const pick = (n) => draws[at++ % draws.length] % n;
  if (pick(1000) >= rate * 1000) return policies;
  const copy = structuredClone(policies);
  const wanted = 1 + pick(3);
  let done = 0;
  for (let tries = 0; tries < 10 && done < wanted; tries++) {
    const p = copy[pick(copy.length)];
    if (OPERATIONS[NAMES[pick(NAMES.length)]](p, pick)) done++;
  }
  return done > 0 ? copy : policies;
}
