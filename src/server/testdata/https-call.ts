// Test helper: one HTTPS request to a webhook started on 127.0.0.1 with a test CA (certificate for `localhost`).
import { request } from 'node:https';

/** The status and body text of `method path` sent to the webhook on `port`. */
export function httpsCall(
  port: number,
  ca: string,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = body ? { 'content-type': 'application/json' } : {};
    const req = request({ host: '127.0.0.1', port, path, method, ca, servername: 'localhost', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POST an AdmissionReview body to /validate and return its `response`. */
export async function validateReview<T = { allowed: boolean }>(port: number, ca: string, body: string): Promise<T> {
  const { text } = await httpsCall(port, ca, 'POST', '/validate', body);
  return (JSON.parse(text) as { response: T }).response;
}
