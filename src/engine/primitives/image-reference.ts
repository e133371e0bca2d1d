// Kyverno: spec §6.5 — image parsing as Kyverno's GetImageInfo does it (default registry, then distribution/reference.Parse).

/** The parts of a container image reference, as exposed in Kyverno's `images` variable. */
export interface ImageReference {
  registry: string;
  path: string;
  name: string;
  tag: string;
  digest: string;
  reference: string;
  referenceWithTag: string;
}

// The grammar of github.com/distribution/reference (regexp.go).
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';

const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const NAME_RE = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const NAME_TOTAL_LENGTH_MAX = 255;

// go-digest only accepts the algorithms it has registered, with their exact lowercase hex length.
const DIGEST_HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);

/** go-digest `Digest.Validate`. */
function isValidDigest(digest: string): boolean {
  const i = digest.indexOf(':');
  const length = DIGEST_HEX_LENGTH.get(digest.slice(0, i));
  const encoded = digest.slice(i + 1);
  return length !== undefined && encoded.length === length && /^[a-f0-9]+$/.test(encoded);
}

/** Kyverno's addDefaultRegistry: prefix when the first segment cannot be a registry (no `.`/`:`, not localhost, lowercase). */
function withDefaultRegistry(image: string, defaultRegistry: string): string {
  const i = image.indexOf('/');
  if (i === -1) return `${defaultRegistry}/${image}`;
  const first = image.slice(0, i);
  const mayBeRegistry = /[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first;
  return mayBeRegistry ? image : `${defaultRegistry}/${image}`;
}

/** Parses an image like Kyverno (`nginx` → docker.io/nginx:latest); undefined for an invalid reference. */
export function parseImageReference(image: string, defaultRegistry = 'docker.io'): ImageReference | undefined {
  const full = withDefaultRegistry(image, defaultRegistry);
  const m = REFERENCE_RE.exec(full);
  if (!m || m[1].length > NAME_TOTAL_LENGTH_MAX) return undefined;
  const digest = m[3] ?? '';
  if (digest !== '' && !isValidDigest(digest)) return undefined;
  const name = NAME_RE.exec(m[1]) as RegExpExecArray;
  const registry = name[1] ?? '';
  const path = name[2];
  // Kyverno: spec §6.5 — `latest` only when neither tag nor digest is given.
  const tag = m[2] ?? (digest === '' ? 'latest' : '');
  const repository = registry === '' ? path : `${registry}/${path}`;
  return {
    registry,
    path,
    name: path.slice(path.lastIndexOf('/') + 1),
    tag,
    digest,
    reference: digest !== '' ? `${repository}@${digest}` : `${repository}:${tag}`,
    referenceWithTag: `${repository}:${tag}`,
  };
}
