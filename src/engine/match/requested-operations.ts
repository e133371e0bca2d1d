// Kyverno: the operations a rule's match block asks the API server for, per kind selector — what Kyverno's webhook
// controller registers for a rule (`collectResourceDescriptions`): each match filter's kinds with its
// `operations` (or the webhook's default ones), less what a plain `exclude.any` entry takes away.
import type { CompiledFilter, CompiledMatch } from './match.js';
import type { KindSelector } from './kind-selector.js';

/** A kind selector and the operations requested for it. */
export interface RequestedKind {
  readonly kind: KindSelector;
  readonly operations: ReadonlySet<string>;
}

/** The kinds `match` selects and the operations wanted for each; `exclude.any` entries naming only kinds and operations remove operations. */
export function requestedOperations(
  match: CompiledMatch | undefined,
  exclude: CompiledMatch | undefined,
  defaults: readonly string[],
  all: readonly string[],
): RequestedKind[] {
  const byKind = new Map<string, { kind: KindSelector; operations: Set<string> }>();
  for (const f of match?.filters ?? [])
    for (const kind of f.kinds ?? []) {
      const key = selectorKey(kind);
      const entry = byKind.get(key) ?? { kind, operations: new Set<string>() };
      for (const op of f.operations ?? defaults) entry.operations.add(op);
      byKind.set(key, entry);
    }
  // Kyverno considers only `exclude.any`, and only entries that say nothing but kinds and operations: anything else
  // (names, namespaces, selectors, users) can only be decided per request.
  if (exclude?.mode === 'any')
    for (const f of exclude.filters) {
      if (!onlyKindsAndOperations(f)) continue;
      const keys = f.kinds ? f.kinds.map(selectorKey) : [...byKind.keys()];
      for (const key of keys) for (const op of f.operations ?? all) byKind.get(key)?.operations.delete(op);
    }
  return [...byKind.values()];
}

function onlyKindsAndOperations(f: CompiledFilter): boolean {
  return (
    !f.empty &&
    f.name === undefined &&
    f.names === undefined &&
    f.namespaces === undefined &&
    f.annotations === undefined &&
    f.selector === undefined &&
    f.namespaceSelector === undefined &&
    f.roles === undefined &&
    f.clusterRoles === undefined &&
    f.subjects === undefined
  );
}

function selectorKey(k: KindSelector): string {
  return `${k.group}/${k.version}/${k.kind}/${k.subresource}`;
}
