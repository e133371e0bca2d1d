// Fault and load test of the HTTPS webhook: 200 concurrent keep-alive clients send a mix of valid, malformed,
// oversized and abandoned reviews for TOLLGATE_LOAD_SECONDS (default 30) while a policy file is rewritten and reloaded.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonpatch from 'fast-json-patch';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../engine/json.js';
import { PolicyStore } from './policy-store.js';
import type { RunningWebhook } from './webhook-server.js';
import { startTestWebhook, testCerts as certs } from './testdata/test-webhook.js';

const SECONDS = Number(process.env.TOLLGATE_LOAD_SECONDS ?? 30);
const CONCURRENCY = 200;
const MAX_BODY_BYTES = 256 * 1024;
// Growth allowed between the warm-up sample (200 requests in flight) and the end (none in flight). A leak of
// 1 KiB per request crosses it within the ~100k requests of a 30 s run; the rss bound leaves room for allocator slack.
const MAX_HEAP_GROWTH = 100 * 1024 * 1024;
const MAX_RSS_GROWTH = 200 * 1024 * 1024;

const testdata = (name: string) => new URL(`./testdata/${name}`, import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'tollgate-webhook-load-'));
const store = new PolicyStore([join(dir, 'policies')], () => {});
const template = parse(readFileSync(testdata('load-pod-review.yaml'), 'utf8')) as { request: JsonObject };
let hook: RunningWebhook;

type Reply = { status: number; text: string };
/** Which policy set a request may have seen: before the reload, after it, or overlapping it. */
type PolicySet = 'old' | 'new' | 'either';
interface Probe {
  readonly path: '/validate' | '/mutate';
  readonly body: Buffer;
  /** How the body is sent: with content-length (default), chunked, or abandoned halfway. */
  readonly mode?: 'chunked' | 'abandon';
  /** What is wrong with the reply; undefined when it is correct. */
  verify(reply: Reply, seen: PolicySet): string | undefined;
}
interface Category {
  readonly name: string;
  readonly weight: number;
  probe(n: number): Probe;
}

function podReview(n: number, labels: Record<string, string>) {
  const uid = `load-${n}`;
  const name = `pod-${n}`;
  const object = structuredClone(template.request.object) as { metadata: JsonObject };
  Object.assign(object.metadata, { name, labels });
  const review = { ...template, request: { ...template.request, uid, name, object } };
  return { uid, name, object: object as unknown as JsonObject, body: Buffer.from(JSON.stringify(review)) };
}

type Response = { uid?: string; allowed?: boolean; status?: { message?: string }; patchType?: string; patch?: string };
function responseOf(reply: Reply, uid: string): Response | string {
  if (reply.status !== 200) return `status ${reply.status}: ${reply.text}`;
  const res = (JSON.parse(reply.text) as { response?: Response }).response ?? {};
  return res.uid === uid ? res : `uid ${res.uid} echoed for ${uid}`;
}

function allowed(reply: Reply, uid: string): string | undefined {
  const res = responseOf(reply, uid);
  if (typeof res === 'string') return res;
  return res.allowed === true && !res.status ? undefined : `expected allowed, got ${reply.text}`;
}

function denied(reply: Reply, uid: string, name: string, policy: string, message: string): string | undefined {
  const res = responseOf(reply, uid);
  if (typeof res === 'string') return res;
  const text = res.status?.message ?? '';
  const ok =
    res.allowed === false &&
    text.includes(`resource Pod/load/${name} was blocked due to the following policies`) &&
    text.includes(`${policy}:`) &&
    text.includes(message);
  return ok ? undefined : `expected a denial by ${policy}, got ${reply.text}`;
}

function errorReply(status: number, reason: RegExp) {
  return (reply: Reply) => {
    const error = reply.status === status ? (JSON.parse(reply.text) as { error?: unknown }).error : undefined;
    return typeof error === 'string' && reason.test(error)
      ? undefined
      : `expected ${status} ${reason}, got ${reply.status} ${reply.text}`;
  };
}

function patchedLabels(reply: Reply, uid: string, object: JsonObject): string | undefined {
  const res = responseOf(reply, uid);
  if (typeof res === 'string') return res;
  if (res.allowed !== true || res.patchType !== 'JSONPatch' || !res.patch) return `expected a patch, got ${reply.text}`;
  const ops = JSON.parse(Buffer.from(res.patch, 'base64').toString('utf8')) as jsonpatch.Operation[];
  const after = jsonpatch.applyPatch(structuredClone(object), ops).newDocument as { metadata: JsonObject };
  const want = { ...(object as { metadata: { labels: object } }).metadata.labels, env: 'load' };
  return JSON.stringify(after.metadata.labels) === JSON.stringify(want)
    ? undefined
    : `wrong patch ${JSON.stringify(ops)}`;
}

const oversized = Buffer.from(JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES + 16 * 1024) }));
const wrongShapes = [{ kind: 'Pod' }, { ...template, request: { ...template.request, uid: '' } }].map((v) =>
  Buffer.from(JSON.stringify(v)),
);
const categories: readonly Category[] = [
  {
    name: 'validate allowed',
    weight: 28,
    probe: (n) => {
      const r = podReview(n, { app: 'web', team: 'shop' });
      return { path: '/validate', body: r.body, verify: (reply) => allowed(reply, r.uid) };
    },
  },
  {
    name: 'validate denied',
    weight: 20,
    probe: (n) => {
      const r = podReview(n, { app: 'web' });
      // Kyverno: the message is go-yaml inside the denial text, so the quotes in it are doubled (spec §13.3).
      const verify = (reply: Reply) => denied(reply, r.uid, r.name, 'require-team-label', "label ''team'' is required");
      return { path: '/validate', body: r.body, verify };
    },
  },
  {
    // A reload swaps the whole snapshot, so a request overlapping it may see either version, never a mix.
    name: 'validate marker',
    weight: 14,
    probe: (n) => {
      const r = podReview(n, { app: 'web', team: 'shop', marker: 'flip' });
      const asNew = (reply: Reply) => denied(reply, r.uid, r.name, 'marker-gate', 'marker flip is blocked (v2)');
      const verify = (reply: Reply, seen: PolicySet) => {
        if (seen === 'old') return allowed(reply, r.uid);
        if (seen === 'new') return asNew(reply);
        return allowed(reply, r.uid) && asNew(reply);
      };
      return { path: '/validate', body: r.body, verify };
    },
  },
  {
    name: 'mutate',
    weight: 20,
    probe: (n) => {
      const r = podReview(n, { app: 'web', team: 'shop' });
      return { path: '/mutate', body: r.body, verify: (reply) => patchedLabels(reply, r.uid, r.object) };
    },
  },
  {
    name: 'malformed JSON',
    weight: 6,
    probe: (n) => ({
      path: n % 2 ? '/validate' : '/mutate',
      body: Buffer.from('{"apiVersion": "admission.k8s.io/v1", "request": {'),
      verify: errorReply(400, /not valid JSON/),
    }),
  },
  {
    name: 'wrong shape',
    weight: 5,
    probe: (n) => ({ path: '/validate', body: wrongShapes[n % 2], verify: errorReply(400, /apiVersion|uid/) }),
  },
  {
    name: 'oversized',
    weight: 3,
    probe: () => ({ path: '/validate', body: oversized, verify: errorReply(413, /larger than/) }),
  },
  {
    name: 'oversized chunked',
    weight: 2,
    probe: () => ({ path: '/mutate', body: oversized, mode: 'chunked', verify: errorReply(413, /larger than/) }),
  },
  {
    name: 'abandoned mid-body',
    weight: 2,
    probe: (n) => ({ ...podReview(n, { team: 'shop' }), path: '/validate', mode: 'abandon', verify: () => undefined }),
  },
];

/** Send one probe; resolves with the reply (status 0 for an abandoned request). */
function exchange(agent: Agent, probe: Probe): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = probe.mode === 'chunked' ? {} : { 'content-length': probe.body.length };
    const options = { host: '127.0.0.1', port: hook.port, path: probe.path, method: 'POST', agent, headers };
    const req = request({ ...options, servername: 'localhost' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    if (probe.mode === 'abandon') {
      req.on('error', () => {});
      req.on('close', () => resolve({ status: 0, text: 'abandoned' }));
      return void req.write(probe.body.subarray(0, probe.body.length >> 1), () => req.destroy());
    }
    req.on('error', reject);
    for (let i = 0; i < probe.body.length; i += 64 * 1024) req.write(probe.body.subarray(i, i + 64 * 1024));
    req.end();
  });
}

type Tally = { count: number; wrong: number; samples: string[]; seen: Record<PolicySet, number> };
const tallies = new Map(
  categories.map((c) => [c.name, { count: 0, wrong: 0, samples: [], seen: { old: 0, new: 0, either: 0 } } as Tally]),
);
const reload = { start: Infinity, end: Infinity, ok: false };
const memory: NodeJS.MemoryUsage[] = [];

function record(name: string, seen: PolicySet, problem: string | undefined): void {
  const t = tallies.get(name)!;
  t.count++;
  t.seen[seen]++;
  if (problem === undefined) return;
  t.wrong++;
  if (t.samples.length < 5) t.samples.push(problem);
}

async function client(agent: Agent, until: number, lanes: readonly Category[], counter: { n: number }) {
  while (performance.now() < until) {
    const n = counter.n++;
    const category = lanes[n % lanes.length];
    const probe = category.probe(n);
    const sent = performance.now();
    const reply = await exchange(agent, probe).catch((e: Error) => ({ status: -1, text: e.message }));
    const seen: PolicySet = performance.now() < reload.start ? 'old' : sent > reload.end ? 'new' : 'either';
    const problem = reply.status === -1 ? `connection error: ${reply.text}` : probe.verify(reply, seen);
    record(category.name, seen, problem);
  }
}

function sampleMemory(): void {
  (globalThis as { gc?: () => void }).gc?.();
  memory.push(process.memoryUsage());
}

async function runLoad(): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: certs.caCert });
  const lanes = categories.flatMap((c) => Array<Category>(c.weight).fill(c));
  const until = performance.now() + SECONDS * 1000;
  const warmUp = setTimeout(sampleMemory, Math.max(1000, SECONDS * 200));
  const flip = setTimeout(() => {
    copyFileSync(testdata('load-marker-v2.yaml'), join(dir, 'policies', 'marker.yaml'));
    reload.start = performance.now();
    reload.ok = store.reload();
    reload.end = performance.now();
  }, SECONDS * 500);
  const counter = { n: 0 };
  await Promise.all(Array.from({ length: CONCURRENCY }, () => client(agent, until, lanes, counter)));
  clearTimeout(warmUp);
  clearTimeout(flip);
  agent.destroy();
  sampleMemory();
}

beforeAll(
  async () => {
    mkdirSync(join(dir, 'policies'));
    copyFileSync(testdata('load-policies.yaml'), join(dir, 'policies', 'policies.yaml'));
    copyFileSync(testdata('load-marker-v1.yaml'), join(dir, 'policies', 'marker.yaml'));
    expect(store.reload()).toBe(true);
    hook = await startTestWebhook(store, dir, {
      maxBodyBytes: MAX_BODY_BYTES,
    });
    await runLoad();
  },
  (SECONDS + 60) * 1000,
);

afterAll(async () => {
  await hook?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`webhook under ${CONCURRENCY} concurrent clients for ${SECONDS}s`, () => {
  it.for(categories.map((c) => c.name))('answers every "%s" request correctly', (name, { annotate }) => {
    const t = tallies.get(name)!;
    const summary = `${name}: ${t.count} requests (old set ${t.seen.old}, new ${t.seen.new}, overlapping ${t.seen.either})`;
    void annotate(summary);
    expect(t.count, summary).toBeGreaterThan(0);
    expect(t.samples, `${summary}, ${t.wrong} wrong`).toEqual([]);
  });

  it('reloads the rewritten policy mid-run; requests sent afterwards see only the new set', () => {
    const marker = tallies.get('validate marker')!;
    expect(reload.ok, 'store.reload() after rewriting marker.yaml').toBe(true);
    expect(marker.seen.old, 'marker requests answered before the reload').toBeGreaterThan(0);
    expect(marker.seen.new, 'marker requests sent after the reload (all denied by v2)').toBeGreaterThan(0);
  });

  it(`keeps heap growth under ${MAX_HEAP_GROWTH >> 20} MiB and rss growth under ${MAX_RSS_GROWTH >> 20} MiB`, () => {
    expect(memory, 'a warm-up and a final sample').toHaveLength(2);
    const [warm, end] = memory;
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
    const heap = end.heapUsed - warm.heapUsed;
    const rss = end.rss - warm.rss;
    expect(heap, `heapUsed ${mib(warm.heapUsed)} -> ${mib(end.heapUsed)}`).toBeLessThan(MAX_HEAP_GROWTH);
    expect(rss, `rss ${mib(warm.rss)} -> ${mib(end.rss)}`).toBeLessThan(MAX_RSS_GROWTH);
  });
});
