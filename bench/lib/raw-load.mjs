// A lean HTTPS load generator for the webhook benchmarks: keep-alive TLS connections that each write one
// pre-serialized POST and read its answer before the next, with no http.Agent, IncomingMessage or stream machinery.
// On a 2-core machine the load generator shares the cores with the server; node's https client spends more CPU per
// request than the no-op server does, which caps what a second worker can show. This one spends a fraction of that.
import { connect } from 'node:tls';

const HEADER_END = Buffer.from('\r\n\r\n');

/** The bytes of one keep-alive POST of `body` (a string) to `path`. */
function requestBytes(path, body) {
  const payload = Buffer.from(body);
  const head =
    `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${payload.length}\r\nConnection: keep-alive\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), payload]);
}

/** One keep-alive TLS connection that sends a request and resolves with the answer's latency (ms). */
class Connection {
  #socket;
  #pending = Buffer.alloc(0);
  #waiting;

  constructor(socket) {
    this.#socket = socket;
    socket.on('data', (chunk) => this.#read(chunk));
    socket.on('error', (e) => this.#waiting?.reject(e));
  }

  /** Connect to 127.0.0.1:`port`, trusting `ca` for the name localhost. */
  static open(port, ca) {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' });
      socket.once('secureConnect', () => resolve(new Connection(socket)));
      socket.once('error', reject);
    });
  }

  send(request) {
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject, started: performance.now() };
      this.#socket.write(request);
    });
  }

  close() {
    this.#socket.end();
  }

  #read(chunk) {
    this.#pending = this.#pending.length ? Buffer.concat([this.#pending, chunk]) : chunk;
    const end = this.#pending.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.#pending.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
    const waiting = this.#waiting;
    if (!Number.isFinite(length)) return waiting?.reject(new Error(`answer without content-length: ${head}`));
    if (this.#pending.length < end + 4 + length) return;
    this.#pending = this.#pending.subarray(end + 4 + length);
    this.#waiting = undefined;
    if (!head.startsWith('HTTP/1.1 200')) return waiting?.reject(new Error(`answer ${head.split('\r\n')[0]}`));
    waiting?.resolve(performance.now() - waiting.started);
  }
}

/** `concurrency` keep-alive connections to 127.0.0.1:`port`, reused by every load run on them. */
export async function openLoad(port, ca, concurrency) {
  const connections = await Promise.all(Array.from({ length: concurrency }, () => Connection.open(port, ca)));
  return {
    /** POST `body` to `path` until `seconds` have passed or `count` requests were sent; each one's latency (ms). */
    async run({ path, body, seconds, count }) {
      const request = requestBytes(path, body);
      const latencies = [];
      const until = seconds === undefined ? Infinity : performance.now() + seconds * 1000;
      let sent = 0;
      const more = () => performance.now() < until && (count === undefined || sent++ < count);
      await Promise.all(
        connections.map(async (c) => {
          while (more()) latencies.push(await c.send(request));
        }),
      );
      return latencies;
    },
    close() {
      for (const c of connections) c.close();
    },
  };
}
