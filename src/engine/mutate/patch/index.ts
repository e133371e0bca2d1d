// Kyverno: spec §8.3–§8.4 — mutate patches: patchStrategicMerge with anchors, and patchesJson6902.
export { PatchError } from './errors.js';
export { applyJsonPatch } from './json-patch.js';
export { applyStrategicMergePatch, strategicMerge } from './strategic-merge.js';
