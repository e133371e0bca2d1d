// The throwaway cluster itself: kubectl reaches it, the CRDs are installed, a validating webhook served by
// this test is called and its denial reaches kubectl verbatim, and stop() leaves no process behind.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueServingCertificate, startCluster, type Cluster } from './cluster/cluster.mjs';

let cluster: Cluster;
let webhook: Server;
const reviewed: string[] = [];

beforeAll(async () => {
  cluster = await startCluster({ log: (line) => console.log(`cluster: ${line}`) });
  console.log(`cluster: started in ${cluster.startupMs} ms`);
});

afterAll(async () => {
  await cluster?.stop();
  webhook?.close();
});

/** kubectl's exit code and output, for the commands that are meant to fail. */
async function kubectlResult(args: string[], input?: string) {
  try {
    const { stdout, stderr } = await cluster.kubectl(args, input);
    return { ok: true, stdout, stderr };
  } catch (err) {
    return { ok: false, stdout: '', stderr: String((err as Error & { cause?: { stderr?: string } }).cause?.stderr) };
  }
}

describe('throwaway cluster', () => {
  it('serves kubectl', async () => {
    const { stdout } = await cluster.kubectl(['get', 'ns', '-o', 'name']);
    expect(stdout.split('\n')).toEqual(expect.arrayContaining(['namespace/default', 'namespace/kube-system']));
    const { stdout: version } = await cluster.kubectl(['version', '-o', 'json']);
    expect(JSON.parse(version).serverVersion.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
  });

  it('stores a Deployment', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
        },
      },
    };
    const { stdout } = await cluster.kubectl(['apply', '-f', '-'], JSON.stringify(deployment));
    expect(stdout.trim()).toBe('deployment.apps/web created');
    const { stdout: image } = await cluster.kubectl([
      'get',
      'deployment',
      'web',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    ]);
    expect(image).toBe('nginx:1.27');
  });

  it('has the CRDs Tollgate reads and writes', async () => {
    const { stdout } = await cluster.kubectl(['get', 'crd', '-o', 'name']);
    expect(stdout.trim().split('\n').sort()).toEqual([
      'customresourcedefinition.apiextensions.k8s.io/clusterpolicies.kyverno.io',
      'customresourcedefinition.apiextensions.k8s.io/clusterpolicyreports.wgpolicyk8s.io',
      'customresourcedefinition.apiextensions.k8s.io/policies.kyverno.io',
      'customresourcedefinition.apiextensions.k8s.io/policyexceptions.kyverno.io',
      'customresourcedefinition.apiextensions.k8s.io/policyreports.wgpolicyk8s.io',
    ]);
    // Served, not only stored: kubectl can list the kinds.
    const { stdout: none } = await cluster.kubectl(['get', 'clusterpolicies,policyreports', '-A']);
    expect(none).toBe('');
  });

  it('calls a validating webhook and shows its denial as kubectl prints it', async () => {
    const tls = await issueServingCertificate();
    webhook = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const { request } = JSON.parse(body);
        reviewed.push(`${request.operation} ${request.name}${request.dryRun ? ' (dry run)' : ''}`);
        const deny = request.name === 'deny-me';
        const response = deny
          ? {
              uid: request.uid,
              allowed: false,
              status: { code: 403, message: 'ConfigMap deny-me is not allowed here' },
            }
          : { uid: request.uid, allowed: true };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response }));
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const port = (webhook.address() as AddressInfo).port;

    const config = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'e2e-deny-configmaps' },
      webhooks: [
        {
          name: 'deny.e2e.tollgate.dev',
          clientConfig: {
            url: `https://127.0.0.1:${port}/validate`,
            caBundle: Buffer.from(tls.caCertPem).toString('base64'),
          },
          rules: [
            { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['configmaps'] },
          ],
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          failurePolicy: 'Fail',
          timeoutSeconds: 5,
        },
      ],
    };
    await cluster.kubectl(['apply', '-f', '-'], JSON.stringify(config));

    const configMap = (name: string) =>
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
    // The API server picks the new configuration up from its informer within about a second.
    let probe = await kubectlResult(['apply', '--dry-run=server', '-f', '-'], configMap('deny-me'));
    for (let i = 0; probe.ok && i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      probe = await kubectlResult(['apply', '--dry-run=server', '-f', '-'], configMap('deny-me'));
    }

    const denied = await kubectlResult(['apply', '-f', '-'], configMap('deny-me'));
    expect(denied.ok).toBe(false);
    // kubectl prints "Error from server (Reason)" only when the webhook's status has a reason; a code alone
    // (403 here) shows as plain "Error from server:", as Kyverno's denials do.
    expect(denied.stderr.trim()).toBe(
      'Error from server: error when creating "STDIN": admission webhook "deny.e2e.tollgate.dev" ' +
        'denied the request: ConfigMap deny-me is not allowed here',
    );
    const allowed = await cluster.kubectl(['apply', '-f', '-'], configMap('allow-me'));
    expect(allowed.stdout.trim()).toBe('configmap/allow-me created');
    expect(reviewed).toEqual(expect.arrayContaining(['CREATE deny-me (dry run)', 'CREATE deny-me', 'CREATE allow-me']));
  });

  it('stops everything it started', async () => {
    const { workDir } = cluster;
    const running = () =>
      execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .filter((args) => args.includes(workDir));
    // etcd's data dir, the API server's certificates, the controller manager's kubeconfig are all in workDir.
    expect(running().map((args) => args.split(' ')[0].split('/').pop())).toEqual(
      expect.arrayContaining(['etcd', 'kube-apiserver', 'kube-controller-manager']),
    );
    await cluster.stop();
    expect(running()).toEqual([]);
    expect(existsSync(workDir)).toBe(false);
  });
});
