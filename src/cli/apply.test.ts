// `tollgate apply` on the bundled quickstart example: every output format and the exit code.
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

const example = fileURLToPath(new URL('../../examples/quickstart/', import.meta.url));
const args = ['apply', `${example}policies`, '--resource', `${example}resources`];
let out = '';

beforeEach(() => {
  out = '';
  process.exitCode = undefined;
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('tollgate apply', () => {
  it('prints failures with file:line of the offending field and exits 1 for an Enforce failure', async () => {
    expect(await main(args)).toBe(1);
    expect(out).toMatch(/policy disallow-latest-tag -> resource shop\/Deployment\/cart failed \(Enforce\)/);
    expect(out).toMatch(/workloads\.yaml:36 \(spec\.template\.spec\.containers\[0\]\.image\)/);
    expect(out).toMatch(/pass: 6, fail: 2, warn: 0, error: 0, skip: 0/);
  });

  it('json lists every result with its line', async () => {
    await main([...args, '--output', 'json']);
    const doc = JSON.parse(out);
    expect(doc.summary).toEqual({ pass: 6, fail: 2, warn: 0, error: 0, skip: 0 });
    const tag = doc.results.find(
      (r: { rule: string; resource: { name: string } }) =>
        r.rule === 'autogen-validate-image-tag' && r.resource.name === 'cart',
    );
    expect(tag).toMatchObject({ status: 'fail', action: 'Enforce', line: 36 });
  });

  it('policyreport prints one wgpolicyk8s.io/v1alpha2 report per resource', async () => {
    await main([...args, '--output', 'policyreport']);
    const list = parse(out);
    expect(list.items).toHaveLength(2);
    for (const item of list.items)
      expect(item).toMatchObject({
        apiVersion: 'wgpolicyk8s.io/v1alpha2',
        kind: 'PolicyReport',
        metadata: { namespace: 'shop' },
        scope: { kind: 'Deployment', namespace: 'shop' },
      });
    const summaries = list.items.map((i: { summary: { pass: number; fail: number } }) => i.summary);
    expect(summaries.reduce((n: number, s: { pass: number }) => n + s.pass, 0)).toBe(6);
    expect(summaries.reduce((n: number, s: { fail: number }) => n + s.fail, 0)).toBe(2);
  });

  it('yaml prints the mutated resources', async () => {
    await main([...args, '--output', 'yaml']);
    const docs = parseAllDocuments(out).map((d) => d.toJS());
    expect(docs).toHaveLength(2);
    expect(docs[0].spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
  });

  it('--diff shows what mutation changed', async () => {
    await main([...args, '--diff']);
    expect(out).toMatch(/^\+\s+cpu: 100m$/m);
  });
});

describe('tollgate apply with generate rules and exceptions', () => {
  const dir = fileURLToPath(new URL('./testdata/generate/', import.meta.url));
  const gen = ['apply', `${dir}policy.yaml`, '--resource', `${dir}resources.yaml`];

  it('lists the resources generate rules would create, cloning from the given resources', async () => {
    expect(await main(gen)).toBe(0);
    expect(out).toMatch(
      /policy copy-registry-secret -> resource Namespace\/team-a would create team-a\/Secret\/regcred \(rule clone-regcred\)/,
    );
  });

  it('prints generated resources with --output yaml', async () => {
    await main([...gen, '--output', 'yaml']);
    const secret = parseAllDocuments(out)
      .map((d) => d.toJS())
      .find((d) => d.kind === 'Secret' && d.metadata.namespace === 'team-a');
    expect(secret).toMatchObject({
      data: { '.dockerconfigjson': 'e30=' },
      metadata: { labels: { 'app.kubernetes.io/managed-by': 'kyverno' } },
    });
  });

  it('says so when an exception names a policy that is not loaded', async () => {
    await main([...gen, '--exception', `${dir}exception-unknown-policy.yaml`]);
    expect(out).toMatch(
      /note: .*exception-unknown-policy\.yaml:1: a PolicyException names policy "copy-registry-secrets", which is not loaded/,
    );
  });
});
