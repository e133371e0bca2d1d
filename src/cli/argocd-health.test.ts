// deploy/argocd/config/argocd-cm-health.yaml: the Lua health checks Argo CD runs (Lua 5.1, as its gopher-lua) on
// the policies' Ready condition that `tollgate serve` writes, run here with Debian's lua5.1.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const file = fileURLToPath(new URL('../../deploy/argocd/config/argocd-cm-health.yaml', import.meta.url));
const config = parse(readFileSync(file, 'utf8')) as { data: Record<string, string> };
const lua = spawnSync('lua5.1', ['-v'], { stdio: 'ignore' }).status === 0;
const skipNote = lua ? '' : ' (skipped: lua5.1 is not installed; .ci/run installs it)';

// A JSON value as a Lua table constructor.
function luaValue(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map(luaValue).join(', ')}}`;
  return `{${Object.entries(v as object)
    .map(([k, x]) => `[${JSON.stringify(k)}] = ${luaValue(x)}`)
    .join(', ')}}`;
}

function health(key: string, obj: unknown): string {
  const script = `obj = ${luaValue(obj)}\nlocal function check()\n${config.data[key]}\nend\nlocal hs = check()\nio.write(hs.status .. ": " .. hs.message)`;
  const r = spawnSync('lua5.1', ['-'], { input: script, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

const policy = (generation: number, conditions?: unknown[]) => ({
  apiVersion: 'kyverno.io/v1',
  kind: 'ClusterPolicy',
  metadata: { name: 'p', generation },
  ...(conditions ? { status: { conditions } } : {}),
});
const ready = (status: string, message: string, observedGeneration = 2) => ({
  type: 'Ready',
  status,
  reason: status === 'True' ? 'Succeeded' : 'Failed',
  message,
  observedGeneration,
});

describe(`Argo CD health checks${skipNote}`, () => {
  it('covers the policy kinds Tollgate writes the Ready condition on, and Applications', () => {
    expect(Object.keys(config.data).sort()).toEqual([
      'resource.customizations.health.argoproj.io_Application',
      'resource.customizations.health.kyverno.io_ClusterPolicy',
      'resource.customizations.health.kyverno.io_Policy',
      'resource.customizations.health.policies.kyverno.io_GeneratingPolicy',
      'resource.customizations.health.policies.kyverno.io_MutatingPolicy',
      'resource.customizations.health.policies.kyverno.io_ValidatingPolicy',
    ]);
  });

  it.skipIf(!lua).each([
    ['no status yet', policy(2), 'Progressing: waiting for tollgate to load the policy'],
    ['served', policy(2, [ready('True', 'Ready')]), 'Healthy: Ready'],
    [
      'refused',
      policy(2, [ready('False', 'policy p: unknown field spec.x')]),
      'Degraded: policy p: unknown field spec.x',
    ],
    [
      'edited since Tollgate last loaded it',
      policy(3, [ready('True', 'Ready')]),
      'Progressing: tollgate has not loaded the latest generation yet',
    ],
  ])('a ClusterPolicy %s', (_name, obj, expected) => {
    expect(health('resource.customizations.health.kyverno.io_ClusterPolicy', obj)).toBe(expected);
    expect(health('resource.customizations.health.kyverno.io_Policy', { ...obj, kind: 'Policy' })).toBe(expected);
  });

  it.skipIf(!lua)('an Application is as healthy as its resources', () => {
    const key = 'resource.customizations.health.argoproj.io_Application';
    expect(health(key, { status: { health: { status: 'Degraded', message: 'policy refused' } } })).toBe(
      'Degraded: policy refused',
    );
    expect(health(key, {})).toBe('Progressing: ');
  });
});
