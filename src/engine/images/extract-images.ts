// Kyverno: spec §6.5 — the `images` variable: parsed container images of a Pod or Pod controller.
import { getOwn, isObject, type JsonObject, type JsonValue } from '../json.js';
import { imageReferenceError, parseImageReference } from '../primitives/image-reference.js';
import { podSpecPaths } from './pod-spec-paths.js';

/** A resource's containers cannot be read the way Kyverno requires (bad shape, unnamed container, bad image). */
export class ImageExtractionError extends Error {
  override readonly name = 'ImageExtractionError';
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'];

const IMAGE_FIELDS = ['registry', 'path', 'name', 'tag', 'digest', 'reference', 'referenceWithTag'] as const;

// Kyverno serializes these with `omitempty`; name and path are always present.
const OMITTED_WHEN_EMPTY = new Set<string>(['registry', 'tag', 'digest', 'reference', 'referenceWithTag']);

/**
 * The `images` variable for a resource: `{initContainers|containers|ephemeralContainers: {<container
 * name>: {registry, path, name, tag, digest, reference, referenceWithTag, jsonPointer}}}`. A list key
 * appears only when it has images; undefined for kinds without a pod spec or when there is no image.
 * Throws ImageExtractionError where Kyverno fails to build the context (e.g. a container without a
 * name, an unparsable image, a container list that is not a list).
 */
export function extractImages(resource: JsonObject, defaultRegistry = 'docker.io'): JsonObject | undefined {
  const kind = getOwn(resource, 'kind');
  const paths = typeof kind === 'string' ? podSpecPaths(kind) : undefined;
  if (!paths) return undefined;
  const images: JsonObject = {};
  for (const list of CONTAINER_LISTS) {
    const infos = extractList(resource, [...paths.podSpec, list], defaultRegistry);
    if (Object.keys(infos).length > 0) images[list] = infos;
  }
  return Object.keys(images).length > 0 ? images : undefined;
}

/** The images of one container list, keyed by container name. */
function extractList(resource: JsonObject, path: string[], defaultRegistry: string): JsonObject {
  const infos: JsonObject = {};
  const containers = descend(resource, path);
  for (const [at, container] of containerEntries(containers, path)) {
    const info = imageInfo(container, at, defaultRegistry);
    if (info) infos[info.containerName] = info.value;
  }
  return infos;
}

/** Follow `path`; a missing step yields undefined, a non-object on the way is an error. */
function descend(root: JsonValue, path: string[]): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const step of path) {
    if (node === undefined || node === null) return undefined;
    if (!isObject(node)) throw new ImageExtractionError('invalid image config');
    node = getOwn(node, step);
  }
  return node;
}

/**
 * The containers of a list with their paths, walked as Kyverno's image extractor walks `<list>/*`: list
 * elements that are objects are containers, nested lists are walked again, anything else is skipped; a map's
 * object and list values are containers (a list there is not an object: an error); any other value is an error.
 */
function containerEntries(containers: JsonValue | undefined, path: string[]): [string[], JsonValue][] {
  if (containers === undefined || containers === null) return [];
  const out: [string[], JsonValue][] = [];
  if (Array.isArray(containers)) {
    containers.forEach((c, i) => {
      if (Array.isArray(c)) out.push(...containerEntries(c, [...path, String(i)]));
      else if (isObject(c)) out.push([[...path, String(i)], c]);
    });
    return out;
  }
  if (!isObject(containers)) throw new ImageExtractionError('invalid image config');
  for (const [k, c] of Object.entries(containers)) if (c !== null && typeof c === 'object') out.push([[...path, k], c]);
  return out;
}

function imageInfo(
  container: JsonValue,
  path: string[],
  defaultRegistry: string,
): { containerName: string; value: JsonObject } | undefined {
  const at = `/${path.join('/')}`;
  const pointer = `${at}/image`;
  if (!isObject(container)) throw new ImageExtractionError('invalid image config');
  const containerName = getOwn(container, 'name');
  if (typeof containerName !== 'string') throw new ImageExtractionError('invalid key');
  const image = getOwn(container, 'image');
  // Kyverno: a container without an image (or with a blank one) is skipped, not an error.
  if (typeof image !== 'string' || image.trim() === '') return undefined;
  const ref = parseImageReference(image, defaultRegistry);
  if (!ref) throw new ImageExtractionError(`invalid image '${image}' (${imageReferenceError(image, defaultRegistry)})`);
  const value: JsonObject = {};
  for (const field of IMAGE_FIELDS) {
    const v = ref[field] ?? '';
    if (v !== '' || !OMITTED_WHEN_EMPTY.has(field)) value[field] = v;
  }
  value.jsonPointer = pointer;
  return { containerName, value };
}
