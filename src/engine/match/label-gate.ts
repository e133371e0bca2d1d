// Which labels a resource must carry for any of a policy's rules to select it. A policy whose every rule selects by
// a label value (matchLabels `app: web`) is then passed over, without touching its rules, for resources that lack
// all of them: thousands of such policies cost a request a map lookup per label key (spec §3.4).
import type { CompiledMatch } from './match.js';
import type { LabelPair } from './label-selector.js';

export type { LabelPair };

/**
 * Label pairs one of which every resource the `match` blocks select carries; undefined when some block may select a
 * resource without any. A missing block selects nothing, so it needs nothing.
 */
export function labelGateOf(blocks: readonly (CompiledMatch | undefined)[]): readonly LabelPair[] | undefined {
  const pairs: LabelPair[] = [];
  for (const block of blocks) {
    if (!block) continue;
    const needed = blockNeeds(block);
    if (!needed) return undefined;
    pairs.push(...needed);
  }
  return pairs;
}

// `all`: one filter's need is the block's; `any` and the legacy form: every filter must need a pair. A filter that
// never matches (`empty`) needs nothing of its own, and an `all` block holding one never matches at all.
function blockNeeds(block: CompiledMatch): readonly LabelPair[] | undefined {
  if (block.mode === 'all') {
    if (block.filters.some((f) => f.empty)) return [];
    for (const f of block.filters) if (f.selector?.required) return f.selector.required;
    return undefined;
  }
  const pairs: LabelPair[] = [];
  for (const f of block.filters) {
    if (f.empty) continue;
    const needed = f.selector?.required;
    if (!needed) return undefined;
    pairs.push(...needed);
  }
  return pairs;
}
