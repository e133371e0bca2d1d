// Test helpers shared by the cluster tests: a KubeConfig for a local server and polling for async effects.
import { KubeConfig } from '@kubernetes/client-node';

/** A KubeConfig pointing at `server` without credentials. */
export function kubeConfigFor(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

/** Poll `check` until it stops throwing, failing after `ms`. */
export async function eventually(check: () => void | Promise<void>, ms = 2000, intervalMs = 10): Promise<void> {
  for (const end = Date.now() + ms; ;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() >= end) throw err;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
