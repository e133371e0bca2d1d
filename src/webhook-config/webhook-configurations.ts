// The ValidatingWebhookConfiguration and MutatingWebhookConfiguration that send `tollgate serve` the requests its
// policies evaluate: mutate rules to /mutate; validate rules and generate rules to /validate (where serve runs them).
import type { AdmissionInterests, JsonObject, KindInterest } from '../engine/index.js';
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

/** The two configurations (a webhook only where some policy needs one) and the kinds no API resource serves. */
export interface WebhookConfigurations {
  readonly objects: readonly JsonObject[];
  readonly unresolved: readonly KindInterest[];
}

const NAMES = {
  validate: { configuration: 'tollgate-validate', webhook: 'validate.tollgate.svc', path: '/validate' },
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
  ];
  return { objects, unresolved: [...validate.unresolved, ...mutate.unresolved] };
}

function webhook(role: 'validate' | 'mutate', rules: readonly WebhookRule[], opts: WebhookConfigOptions): JsonObject {
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
