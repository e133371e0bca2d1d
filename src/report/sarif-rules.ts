// The SARIF `tool.driver.rules` of a check: one reporting descriptor per policy/rule pair.
import { compareText, ruleId } from './check-finding.js';
import type { CheckFinding } from './check-model.js';
import { addToGroup } from './groups.js';

/** A SARIF reportingDescriptor, as much of it as tollgate fills in. */
export interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly help: { readonly text: string };
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' };
  readonly properties: { readonly tags: string[]; readonly category?: string; readonly severity?: string };
}

/** Distinct policy/rule pairs of all findings (passes included, so every evaluated rule is known), sorted by id. */
export function sarifRules(findings: readonly CheckFinding[]): SarifRule[] {
  const byId = new Map<string, CheckFinding[]>();
  for (const f of findings) addToGroup(byId, ruleId(f), f);
  return [...byId].sort(([a], [b]) => compareText(a, b)).map(([id, fs]) => describeRule(id, fs));
}

function describeRule(id: string, findings: readonly CheckFinding[]): SarifRule {
  const { policy, rule } = findings[0];
  // Kyverno: spec §12.2 — `warn` is a failure of a policy scored "false"; tollgate never blocks on it.
  const enforced = findings.some((f) => f.action === 'Enforce' && f.result !== 'warn');
  const category = findings.find((f) => f.category)?.category;
  const severity = findings.find((f) => f.severity)?.severity;
  const effect = enforced
    ? 'Enforce: a resource that fails it blocks the Argo CD sync.'
    : 'Audit: failures are reported but do not block the Argo CD sync.';
  const details = [category && `Category: ${category}.`, severity && `Severity: ${severity}.`].filter(Boolean);
  return {
    id,
    shortDescription: { text: `Kyverno policy ${policy}, rule ${rule}` },
    help: { text: [`Rule "${rule}" of Kyverno policy "${policy}".`, effect, ...details].join(' ') },
    defaultConfiguration: { level: enforced ? 'error' : 'warning' },
    properties: {
      tags: ['kyverno', ...(category ? [category] : [])],
      ...(category ? { category } : {}),
      ...(severity ? { severity } : {}),
    },
  };
}
