// Intended differences from Kyverno, each with the reason a user would accept (docs/decisions.md, "Differential
// testing against Kyverno", has them too). A divergence matching one of these is counted, not failed. Each
// matcher names the cause precisely, so an unrelated divergence on the same rule still fails.

const TYPED_CONVERSION = /failed to convert (original|patch) object to typed object/;

const INTENDED = [
  {
    reason: 'generate results explain themselves: Kyverno leaves the message of a generate pass or skip empty',
    matches: (d) =>
      d.type === 'message' && d.ruleType === 'generate' && d.kyverno.message === '' && d.tollgate.status !== 'error',
  },
  {
    reason:
      'tollgate apply resolves ConfigMap context entries from the given resources (as kyverno test does) and fails the rule when the ConfigMap is not among them; kyverno apply skips ConfigMap entries',
    matches: (d) =>
      ['status', 'message'].includes(d.type) &&
      /failed to get configmap .*: configmap not found/.test(d.tollgate.message),
  },
  {
    reason:
      'offline, the given resources are the whole cluster: listing a kind none of them has gives an empty list (kyverno apply errors: its fake client knows only the kinds it was given)',
    matches: (d) =>
      d.type === 'status' &&
      d.kyverno.status === 'error' &&
      /failed to list resource: .* resource not found/.test(d.kyverno.message),
  },
  {
    reason:
      'a generate rule whose downstream resource cannot be built is an error in Tollgate; Kyverno reports pass and fails later, in its background controller',
    matches: (d) =>
      d.type === 'status' &&
      d.ruleType === 'generate' &&
      d.kyverno.status === 'pass' &&
      /^failed to generate resources: /.test(d.tollgate.message),
  },
  {
    reason:
      'an ApplyConfiguration patch of a manifest that does not fit the Kubernetes schema: Kyverno errors converting it to a typed object, Tollgate patches it (the API server refuses such a manifest before admission either way)',
    matches: (d) => (d.kyvernoResults ?? []).some((r) => r.status === 'error' && TYPED_CONVERSION.test(r.message)),
  },
  {
    reason:
      'a podSecurity rule on a manifest that does not fit the Kubernetes schema (a string where a boolean or number belongs, a malformed quantity): Kyverno errors decoding it into a Pod, Tollgate checks the Pod Security Standards on it as written (the API server refuses such a manifest before admission either way)',
    matches: (d) =>
      d.type === 'status' &&
      d.kyverno.status === 'error' &&
      /^Error while getting new resource: /.test(d.kyverno.message),
  },
  {
    reason:
      "a policy Kyverno's API server would reject (an unknown field, a wrong type) is refused by Tollgate at load, in every command; kyverno apply evaluates it",
    matches: (d) =>
      d.type === 'load' && d.kyverno === 'loaded' && /Kyverno's API server would reject it/.test(d.tollgate),
  },
  {
    reason:
      "an apiCall context entry offline: Tollgate looks the object up among the given resources and says it is not there; kyverno apply's fake client fails on the URL",
    matches: (d) =>
      ['message', 'status'].includes(d.type) &&
      d.tollgate.status === 'error' &&
      /failed to fetch data for APICall: /.test(d.kyverno.message) &&
      /failed to load context: /.test(d.tollgate.message),
  },
];

/** The reason `divergence` is an intended difference, or undefined when it is a bug to fix. */
export function intendedReason(divergence) {
  return INTENDED.find((i) => i.matches(divergence))?.reason;
}
