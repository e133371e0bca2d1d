// A no-op HTTPS server answering every POST with a fixed allowed AdmissionReview: the baseline for bench/webhook.mjs.
// With `--parse` it does the least any webhook must: read the body, parse the AdmissionReview and answer it with its
// uid (bench/webhook-cpu.mjs measures both).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';

const [cert, key, port, mode] = process.argv.slice(2);
const fixed = answer('x');

function answer(uid) {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    response: { uid, allowed: true },
  });
}

function reply(res, body) {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
  if (mode !== '--parse') {
    req.resume();
    req.on('end', () => reply(res, fixed));
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    // GET /readyz has no body.
    const uid = text ? JSON.parse(text).request?.uid : undefined;
    reply(res, answer(uid ?? ''));
  });
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
