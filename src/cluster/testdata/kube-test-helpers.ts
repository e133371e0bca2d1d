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
export async function eventually(check: () => void, ms = 2000): Promise<void> {
  for (let waited = 0; ; waited += 10) {
    try {
      return check();
    } catch (err) {
      if (waited >= ms) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
