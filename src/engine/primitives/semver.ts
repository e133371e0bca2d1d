// Kyverno: spec §6.7 `semver_compare` — blang/semver/v4 versions and ranges.
export { ZERO_SEMVER, compareSemver, parseSemver, parseSemverDetailed, type Semver } from './semver-version.js';
export { SemverRangeError, parseSemverRange, semverSatisfies, type SemverRange } from './semver-range.js';
