// One paginated LIST against the API server, returned as raw JSON (no typed deserialisation, so fields stay as sent).
import type { KubeConfig } from '@kubernetes/client-node';
import { isObject, type JsonObject } from '../engine/index.js';
import { kubeRequest } from './kube-request.js';

const PAGE_SIZE = 500;

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

// A GET that must succeed with a JSON object.
async function getJson(kc: KubeConfig, path: string): Promise<JsonObject> {
  const { status, body } = await kubeRequest(kc, 'GET', path);
  if (status < 200 || status > 299) throw new KubeApiError(status, path, String(body.message ?? ''));
  return body;
}
