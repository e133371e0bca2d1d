// Kyverno CLI: the test's `context` file (kyverno-cel-semantics §6.1, §5.5 "resource", "imagedata").
import { isObject, type JsonObject, type JsonValue } from '../../engine/index.js';

/** A decoded `cli.kyverno.io/v1alpha1` Context: objects for `resource.Get/List`, image metadata by exact ref. */
export interface ContextSpec {
  readonly resources: readonly JsonObject[];
  readonly images: ReadonlyMap<string, JsonObject>;
}

const IMAGE_FIELDS = [
  'image',
  'resolvedImage',
  'registry',
  'repository',
  'tag',
  'digest',
  'imageIndex',
  'manifest',
  'config',
];

function strictKeys(obj: JsonObject, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(obj).find((k) => !allowed.includes(k));
  if (unknown) throw new Error(`${where}: unknown field "${unknown}"`);
}

/** Decode a Context document strictly; throws an Error naming the offending field. */
export function decodeContext(doc: JsonValue): ContextSpec {
  if (!isObject(doc) || doc.apiVersion !== 'cli.kyverno.io/v1alpha1' || doc.kind !== 'Context')
    throw new Error('context file needs apiVersion cli.kyverno.io/v1alpha1 and kind Context');
  strictKeys(doc, ['apiVersion', 'kind', 'metadata', 'spec'], 'context');
  const spec = isObject(doc.spec) ? doc.spec : {};
  strictKeys(spec, ['resources', 'images'], 'context spec');
  const resources = (Array.isArray(spec.resources) ? spec.resources : []).map((r, i) => {
    if (!isObject(r) || typeof r.apiVersion !== 'string' || typeof r.kind !== 'string')
      throw new Error(`context spec.resources[${i}] needs apiVersion and kind`);
    return r;
  });
  const images = new Map<string, JsonObject>();
  (Array.isArray(spec.images) ? spec.images : []).forEach((img, i) => {
    if (!isObject(img)) throw new Error(`context spec.images[${i}] must be a map`);
    strictKeys(img, IMAGE_FIELDS, `context spec.images[${i}]`);
    images.set(String(img.image ?? ''), imageMetadata(img));
  });
  return { resources, images };
}

// Kyverno: the returned metadata is the entry itself, with empty strings for the omitted name fields (§5.5).
function imageMetadata(img: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of ['image', 'resolvedImage', 'registry', 'repository'])
    out[k] = typeof img[k] === 'string' ? img[k] : '';
  for (const k of ['tag', 'digest', 'imageIndex', 'manifest', 'config']) if (img[k] !== undefined) out[k] = img[k];
  return out;
}
