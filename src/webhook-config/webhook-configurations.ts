// The webhook configurations of `tollgate serve`: the requests its policies evaluate (mutate rules to /mutate;
// validate and generate rules to /validate, where serve runs them), and the policies themselves (/validate-policy).
import {
  pluralResourceOf,
  POLICY_KINDS,
  type AdmissionInterests,
  type JsonObject,
  type KindInterest,
} from '../engine/index.js';
import type { ApiResource } from './api-resources.js';
import { webhookRules, type WebhookRule } from './webhook-rules.js';

/** Where the API server reaches `tollgate serve`. */
export type WebhookEndpoint =
  | { readonly service: { readonly namespace: string; readonly name: string; readonly port: number } }
  | { readonly url: string };

/** How the API server trusts serve's certificate: a CA bundle, or cert-manager's CA injector. */
export type WebhookTrust = { readonly caBundle: string } | { readonly injectCaFrom: string };

/** Everything the configurations need besides the policies. */
export interface WebhookConfigOptions {
  readonly endpoint: WebhookEndpoint;
  readonly trust: WebhookTrust;
  readonly failurePolicy: 'Fail' | 'Ignore';
  readonly timeoutSeconds: number;
  /** Namespaces whose requests never reach Tollgate (its own and the control plane's, so a broken webhook cannot lock them out). */
  readonly excludedNamespaces: readonly string[];
}

/** The configurations (a resource webhook only where some policy needs one) and the kinds no API resource serves. */
export interface WebhookConfigurations {
  readonly objects: readonly JsonObject[];
  readonly unresolved: readonly KindInterest[];
}

const NAMES = {
  validate: { configuration: 'tollgate-validate', webhook: 'validate.tollgate.svc', path: '/validate' },
  policy: {
    configuration: 'tollgate-validate-policy',
    webhook: 'validate-policy.tollgate.svc',
    path: '/validate-policy',
  },
  mutate: { configuration: 'tollgate-mutate', webhook: 'mutate.tollgate.svc', path: '/mutate' },
} as const;

/** Build the webhook configurations for the admission interests of a policy set. */
export function webhookConfigurations(
  found: AdmissionInterests,
  table: readonly ApiResource[],
  opts: WebhookConfigOptions,
): WebhookConfigurations {
  const mutate = webhookRules(
    found.interests.filter((i) => i.stage === 'mutate'),
    table,
  );
  const validate = webhookRules(
    found.interests.filter((i) => i.stage !== 'mutate'),
    table,
  );
  const configuration = (kind: string, name: string, webhooks: JsonObject[]): JsonObject => {
    const metadata: JsonObject = { name, labels: { 'app.kubernetes.io/name': 'tollgate' } };
    if ('injectCaFrom' in opts.trust)
      metadata.annotations = { 'cert-manager.io/inject-ca-from': opts.trust.injectCaFrom };
    return { apiVersion: 'admissionregistration.k8s.io/v1', kind, metadata, webhooks };
  };
  const objects = [
    configuration(
      'ValidatingWebhookConfiguration',
      NAMES.validate.configuration,
      validate.rules.length ? [webhook('validate', validate.rules, opts)] : [],
    ),
    configuration(
      'MutatingWebhookConfiguration',
      NAMES.mutate.configuration,
      // Kyverno: mutations run again when a later webhook changed the object (a sidecar added by another mutator
      // gets the defaults too).
      mutate.rules.length ? [{ ...webhook('mutate', mutate.rules, opts), reinvocationPolicy: 'IfNeeded' }] : [],
    ),
    // Policies sent to the cluster are loaded as `check` loads them, so an invalid one is refused at apply.
    configuration('ValidatingWebhookConfiguration', NAMES.policy.configuration, [
      webhook('policy', policyRules(), opts),
    ]),
  ];
  return { objects, unresolved: [...validate.unresolved, ...mutate.unresolved] };
}

/** Creates and updates of every policy and exception kind Tollgate loads, in all versions. */
export function policyRules(): WebhookRule[] {
  const byGroup = new Map<string, string[]>();
  for (const k of POLICY_KINDS.flatMap((entry) => entry.kinds))
    byGroup.set(k.group, [...(byGroup.get(k.group) ?? []), pluralResourceOf(`${k.group}/v1`, k.kind)]);
  return [...byGroup].map(([group, resources]) => ({
    apiGroups: [group],
    apiVersions: ['*'],
    operations: ['CREATE', 'UPDATE'],
    resources: [...new Set(resources)].sort(),
    scope: '*',
  }));
}

function webhook(role: keyof typeof NAMES, rules: readonly WebhookRule[], opts: WebhookConfigOptions): JsonObject {
  const names = NAMES[role];
  const clientConfig: JsonObject =
    'service' in opts.endpoint
      ? { service: { ...opts.endpoint.service, path: names.path } }
      : { url: `${opts.endpoint.url.replace(/\/+$/, '')}${names.path}` };
  if ('caBundle' in opts.trust) clientConfig.caBundle = opts.trust.caBundle;
  return {
    name: names.webhook,
    admissionReviewVersions: ['v1'],
    clientConfig,
    rules: rules.map((r) => ({
      apiGroups: [...r.apiGroups],
      apiVersions: [...r.apiVersions],
      operations: [...r.operations],
      resources: [...r.resources],
      scope: r.scope,
    })),
    failurePolicy: opts.failurePolicy,
    matchPolicy: 'Equivalent',
    namespaceSelector: {
      matchExpressions: [
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [...opts.excludedNamespaces] },
      ],
    },
    // Generate rules create objects, but never for a dry run; validating and mutating change nothing else.
    sideEffects: 'NoneOnDryRun',
    timeoutSeconds: opts.timeoutSeconds,
  };
}
