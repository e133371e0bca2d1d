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

/** Kyverno's addDefaultRegistry: prefix when the first segment cannot be a registry (no `.`/`:`, not localhost, lowercase). */
function withDefaultRegistry(image: string, defaultRegistry: string): string {
  const i = image.indexOf('/');
  if (i === -1) return `${defaultRegistry}/${image}`;
  const first = image.slice(0, i);
  const mayBeRegistry = /[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first;
  return mayBeRegistry ? image : `${defaultRegistry}/${image}`;
}

/** go-digest `Digest.Validate`: undefined for a valid digest, else its error text. */
function digestError(digest: string): string | undefined {
  const i = digest.indexOf(':');
  if (i <= 0 || i + 1 === digest.length) return 'invalid checksum digest format';
  const length = DIGEST_HEX_LENGTH.get(digest.slice(0, i));
  if (length === undefined) return 'unsupported digest algorithm';
  const encoded = digest.slice(i + 1);
  if (encoded.length !== length) return 'invalid checksum digest length';
  return /^[a-f0-9]+$/.test(encoded) ? undefined : 'invalid checksum digest format';
}

/** Why Kyverno refuses `image` (its GetImageInfo error, distribution/reference's reason last); undefined when valid. */
export function imageReferenceError(image: string, defaultRegistry = 'docker.io'): string | undefined {
  const full = withDefaultRegistry(image, defaultRegistry);
  const m = REFERENCE_RE.exec(full);
  let reason: string | undefined;
  if (!m) {
    if (full === '') reason = 'repository name must have at least one component';
    else if (REFERENCE_RE.test(full.toLowerCase())) reason = 'repository name must be lowercase';
    else reason = 'invalid reference format';
  } else if (m[1].length > NAME_TOTAL_LENGTH_MAX)
    reason = `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`;
  else if (m[3]) reason = digestError(m[3]);
  if (reason === undefined) return undefined;
  return `bad image: ${full}, defaultRegistry: ${defaultRegistry}, enableDefaultRegistryMutation: true: ${reason}`;
}

/** Parses an image like Kyverno (`nginx` → docker.io/nginx:latest); undefined for an invalid reference. */
export function parseImageReference(image: string, defaultRegistry = 'docker.io'): ImageReference | undefined {
  const full = withDefaultRegistry(image, defaultRegistry);
  const m = REFERENCE_RE.exec(full);
  if (!m || m[1].length > NAME_TOTAL_LENGTH_MAX) return undefined;
  const digest = m[3] ?? '';
  if (digest !== '' && digestError(digest) !== undefined) return undefined;
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
