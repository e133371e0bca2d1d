// Kyverno: spec §13.7 — what a background scan lists: the kinds the background policies of a set can match.
import { hasWildcard } from '../primitives/wildcard.js';
import type { KindSelector } from '../match/kind-selector.js';
import { internalsOf, type PolicySet } from './policy-set.js';

/** A kind a background policy can match: `apiVersion` only when the selector names both group and version. */
export interface WantedKind {
  readonly apiVersion?: string;
  readonly kind: string;
}

/** The kinds to list for a scan, and the wildcard kind selectors that are not scanned. */
export interface ScanKinds {
  readonly kinds: readonly WantedKind[];
  readonly wildcards: readonly string[];
}

/** The kinds the background policies of `set` can match, from their compiled match criteria. */
export function backgroundScanKinds(set: PolicySet): ScanKinds {
  const kinds = new Map<string, WantedKind>();
  const wildcards = new Set<string>();
  for (const entry of internalsOf(set).entries) {
    if (!entry.background) continue;
    for (const sel of entry.handler.backgroundKinds?.(entry.compiled) ?? []) {
      // Subresources (Pod/exec, Deployment/scale) cannot be listed; only admission requests carry them.
      if (sel.subresource !== '' && sel.subresource !== '*') continue;
      if (hasWildcard(sel.kind)) wildcards.add(selectorText(sel));
      else {
        const wanted = wantedKind(sel);
        kinds.set(`${wanted.apiVersion ?? ''}/${wanted.kind}`, wanted);
      }
    }
  }
  return { kinds: [...kinds.values()], wildcards: [...wildcards] };
}

function wantedKind(sel: KindSelector): WantedKind {
  if (hasWildcard(sel.group) || hasWildcard(sel.version)) return { kind: sel.kind };
  return { apiVersion: sel.group ? `${sel.group}/${sel.version}` : sel.version, kind: sel.kind };
}

function selectorText(sel: KindSelector): string {
  const gv = sel.group === '*' && sel.version === '*' ? '' : `${sel.group}/${sel.version}/`;
  return `${gv}${sel.kind}`;
}
