// One paginated LIST against the API server, returned as raw JSON (no typed deserialisation, so fields stay as sent).
import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { isObject, type JsonObject } from '../engine/json.js';

const PAGE_SIZE = 500;
const REQUEST_TIMEOUT_MS = 30_000;

/** A non-2xx answer from the API server; `statusCode` 410 means the resourceVersion is too old. */
export class KubeApiError extends Error {
  /** An error for `path` answered with `statusCode`. */
  constructor(
    readonly statusCode: number,
    path: string,
    detail: string,
  ) {
    super(`GET ${path}: HTTP ${statusCode}${detail ? `: ${detail}` : ''}`);
    this.name = 'KubeApiError';
  }
}

/** The items of a LIST and the resourceVersion to watch from. */
export interface ListResult {
  readonly items: JsonObject[];
  readonly resourceVersion: string;
}

/** LIST every page of `path` (e.g. `/api/v1/configmaps`); throws KubeApiError or a network error. */
export async function listAll(kc: KubeConfig, path: string): Promise<ListResult> {
  const items: JsonObject[] = [];
  let resourceVersion = '';
  let cont = '';
  do {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (cont) query.set('continue', cont);
    const page = await getJson(kc, `${path}?${query}`);
    const md = isObject(page.metadata) ? page.metadata : {};
    // Every page of one paginated LIST is served from the same snapshot; the first one names it.
    if (!resourceVersion) resourceVersion = String(md.resourceVersion ?? '');
    if (Array.isArray(page.items)) items.push(...page.items.filter(isObject));
    cont = typeof md.continue === 'string' ? md.continue : '';
  } while (cont);
  return { items, resourceVersion };
}

// A GET with the kubeconfig's credentials, TLS settings and agent applied.
async function getJson(kc: KubeConfig, path: string): Promise<JsonObject> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const url = new URL(cluster.server + path);
  const opts: https.RequestOptions = { method: 'GET', timeout: REQUEST_TIMEOUT_MS };
  await kc.applyToHTTPSOptions(opts);
  opts.headers = { ...opts.headers, Accept: 'application/json' };
  const client = url.protocol === 'https:' ? https : http;
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = client.request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: timed out`)));
    req.on('error', reject);
    req.end();
  });
  if (status < 200 || status > 299) throw new KubeApiError(status, path, statusMessage(body));
  const parsed: unknown = JSON.parse(body);
  if (!isObject(parsed)) throw new Error(`GET ${path}: response is not a JSON object`);
  return parsed;
}

// The `message` of a Kubernetes Status body, when there is one.
function statusMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    return isObject(parsed) ? String(parsed.message ?? '') : '';
  } catch {
    return body.slice(0, 200);
  }
}
