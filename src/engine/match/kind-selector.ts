// Kyverno: spec §3.3 — kind strings such as `Pod`, `v1/Pod`, `apps/v1/Deployment`, `Pod/exec`, `*/*`.
import { wildcardMatch } from '../primitives/wildcard.js';

/** A parsed kind selector; each part is a wildcard pattern. */
export interface KindSelector {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly subresource: string;
}

/** The group/version/kind of a resource plus the request's subresource ('' for none). */
export interface ResourceKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly subresource: string;
}

const VERSION = /^v\d+((alpha|beta)\d+)?$/;

/** Parse a kind string the way Kyverno does. */
export function parseKindSelector(text: string): KindSelector {
  if (text === '*/*') return { group: '*', version: '*', kind: '*', subresource: '*' };
  const parts = text.split('/');
  let sel: KindSelector;
  if (parts.length === 1) sel = { group: '*', version: '*', kind: parts[0], subresource: '' };
  else if (parts.length === 2) {
    const [a, b] = parts;
    if (a === '*' && b === b.toLowerCase() && b !== '*') sel = { group: '*', version: '*', kind: '*', subresource: b };
    else if (a === '*' || VERSION.test(a)) sel = { group: '*', version: a, kind: b, subresource: '' };
    else sel = { group: '*', version: '*', kind: a, subresource: b };
  } else if (parts.length === 3) {
    const [a, b, c] = parts;
    if (VERSION.test(a)) sel = { group: '*', version: a, kind: b, subresource: c };
    else sel = { group: a, version: b, kind: c, subresource: '' };
  } else {
    sel = { group: parts[0], version: parts[1], kind: parts[2], subresource: parts.slice(3).join('/') };
  }
  // `v1/Pod.status`: the last segment may carry the subresource after a dot.
  const dot = sel.kind.indexOf('.');
  if (dot > 0 && sel.subresource === '') {
    sel = { ...sel, kind: sel.kind.slice(0, dot), subresource: sel.kind.slice(dot + 1) };
  }
  return sel;
}

/** Whether a selector selects the given resource kind and subresource. */
export function kindMatches(sel: KindSelector, rk: ResourceKind): boolean {
  if (!wildcardMatch(sel.group, rk.group) || !wildcardMatch(sel.version, rk.version)) return false;
  if (!wildcardMatch(sel.kind, rk.kind)) return false;
  if (wildcardMatch(sel.subresource, rk.subresource)) return true;
  // Kyverno: a selector matching core v1/Pod also matches the ephemeralcontainers subresource.
  return rk.subresource === 'ephemeralcontainers' && rk.kind === 'Pod' && rk.group === '' && sel.subresource === '';
}

/** `apps/v1` → {group: 'apps', version: 'v1'}; `v1` → {group: '', version: 'v1'}. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
