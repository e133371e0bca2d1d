// The Kubernetes and cel-go extension libraries of spec §5.3, by name; environments pick them per policy kind (§5.4).
import type { CelLibrary } from '../library.js';
import { comprehensionsLibrary } from './comprehensions.js';
import { encodersLibrary } from './encoders.js';
import { formatLibrary } from './format.js';
import { ipLibrary } from './ip.js';
import { jsonPatchLibrary } from './jsonpatch.js';
import { listsLibrary } from './lists.js';
import { mathLibrary } from './math.js';
import { quantityLibrary } from './quantity.js';
import { regexLibrary } from './regex.js';
import { semverLibrary } from './semver.js';
import { setsLibrary } from './sets.js';
import { stringsLibrary } from './strings.js';
import { urlLibrary } from './url.js';

export { celNamespace } from './runtime.js';

/**
 * Every extension library, keyed by a stable name. `regex` holds both the Kubernetes regex functions (find, findAll;
 * all kinds) and cel-go's regex.* (not `validate.cel`); `math`, `encoders` and cel.bind (built into cel-js) are not
 * in `validate.cel` either — see spec §5.4.
 */
export const kubernetesLibraries: Record<string, CelLibrary> = {
  strings: stringsLibrary,
  lists: listsLibrary,
  sets: setsLibrary,
  comprehensions: comprehensionsLibrary,
  regex: regexLibrary,
  math: mathLibrary,
  encoders: encodersLibrary,
  quantity: quantityLibrary,
  semver: semverLibrary,
  url: urlLibrary,
  ip: ipLibrary,
  format: formatLibrary,
  jsonpatch: jsonPatchLibrary,
};
