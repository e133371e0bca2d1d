// Shared by bench/webhook.mjs and bench/webhook-cpu.mjs: a directory with certificates and the benchmark's policy
// set, `tollgate serve` and the no-op HTTPS server started from it, and HTTPS requests to them.
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueCertificates } from '../../dist/certs/issue.js';
import { policyFiles } from '../policy-files.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A temporary directory with tls.crt/tls.key and policies/: the pod-security baseline and restricted policies
 *  (12 + 6 files, when ../shared/conformance is there) plus the starter set. */
export function prepareWebhookBench(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const certs = issueCertificates({ dnsNames: ['localhost'], now: new Date() });
  writeFileSync(join(dir, 'tls.crt'), certs.tlsCert);
  writeFileSync(join(dir, 'tls.key'), certs.tlsKey);
  mkdirSync(join(dir, 'policies'));
  const pss = join(root, '..', 'shared', 'conformance', 'kyverno-policies', 'pod-security');
  const sources = [
    ...(existsSync(pss) ? [...policyFiles(join(pss, 'baseline')), ...policyFiles(join(pss, 'restricted'))] : []),
    ...policyFiles(join(root, 'policies', 'starter')),
  ];
  sources.forEach((f, i) => copyFileSync(f, join(dir, 'policies', `${i}.yaml`)));
  return { dir, certs, policyFiles: sources.length };
}

/** `tollgate serve --workers N` from dist/ on 127.0.0.1:port; `execArgv` are Node's flags (workers inherit them). */
export function startServe(dir, port, workers, execArgv = []) {
  const args = ['serve', '--workers', String(workers), '--policies', join(dir, 'policies')];
  args.push('--cert', join(dir, 'tls.crt'), '--key', join(dir, 'tls.key'));
  args.push('--port', String(port), '--host', '127.0.0.1', '--no-watch');
  return fork(join(root, 'dist', 'cli', 'bin.js'), args, { stdio: 'ignore', execArgv });
}

/** The no-op HTTPS server (bench/noop-https-server.mjs) on 127.0.0.1:port, or with `parse` the one that parses each
 *  review and answers with its uid; resolves once it listens. */
export function startNoop(dir, port, parse = false) {
  const script = join(root, 'bench', 'noop-https-server.mjs');
  const args = [join(dir, 'tls.crt'), join(dir, 'tls.key'), String(port), ...(parse ? ['--parse'] : [])];
  return new Promise((resolve_, reject) => {
    const child = fork(script, args, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.once('message', () => resolve_(child));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** One request; resolves with the body text of a 200, rejects otherwise. */
export function send(port, path, body, agent, method = 'POST') {
  return new Promise((resolve_, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent, servername: 'localhost' }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => (res.statusCode === 200 ? resolve_(text) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Wait until /readyz answers 200 (10 s at most). */
export async function waitReady(port, agent) {
  for (let i = 0; i < 100; i++) {
    try {
      await send(port, '/readyz', undefined, agent, 'GET');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('webhook did not become ready');
}
