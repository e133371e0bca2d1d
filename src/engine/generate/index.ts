// Generate rules: building downstream resources (spec §9.3) and load-time checks of the generate block (§9.1).
export { buildGeneratedResources } from './build.js';
export { checkGenerateRule, type GenerateProblem } from './check.js';
export { GenerateError } from './generate-error.js';
export { LABEL_CLONE_SOURCE, LABEL_MANAGED_BY } from './labels.js';
export type { GeneratedResource, GenerateLifecycle, GeneratePolicyInfo, GenerateTrigger } from './types.js';
