// One JSON request to the API server with the kubeconfig's credentials, TLS settings and agent applied.
import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { isObject, type JsonObject } from '../engine/index.js';

const REQUEST_TIMEOUT_MS = 30_000;

/** The API server's answer: HTTP status and the JSON body (a Status object for errors, `{}` when empty). */
export interface KubeAnswer {
  readonly status: number;
  readonly body: JsonObject;
}

/** Send `method path` with an optional JSON body (sent as `contentType`); rejects only for network errors and timeouts. */
export async function kubeRequest(
  kc: KubeConfig,
  method: string,
  path: string,
  body?: JsonObject,
  contentType = 'application/json',
): Promise<KubeAnswer> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const url = new URL(cluster.server + path);
  const opts: https.RequestOptions = { method, timeout: REQUEST_TIMEOUT_MS };
  await kc.applyToHTTPSOptions(opts);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const type = payload === undefined ? {} : { 'Content-Type': contentType };
  opts.headers = { ...opts.headers, Accept: 'application/json', ...type };
  const client = url.protocol === 'https:' ? https : http;
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = client.request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
  return { status, body: parseObject(text) };
}

// Bodies that are not JSON objects (proxies, HTML error pages) keep their start as the message.
function parseObject(text: string): JsonObject {
  if (text === '') return {};
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : { message: text.slice(0, 200) };
  } catch {
    return { message: text.slice(0, 200) };
  }
}
