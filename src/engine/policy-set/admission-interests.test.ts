import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocuments } from '../source/documents.js';
import { admissionInterests, type AdmissionInterest } from './admission-interests.js';
import { loadPolicies } from './load-policies.js';

function interestsOf(file: string) {
  const url = new URL(`./testdata/admission-interests/${file}`, import.meta.url);
  const loaded = loadPolicies(parseDocuments(readFileSync(url, 'utf8'), file).documents);
  expect(loaded.diagnostics).toEqual([]);
  return admissionInterests(loaded.policySet);
}

// One line per interest: stage, policy/rule, what it selects, operations (sorted: the order carries no meaning).
function line(i: AdmissionInterest): string {
  const ops = [...i.operations].sort().join(',');
  const who = `${i.policy}${i.rule ? `/${i.rule}` : ''}${i.namespaced ? ' (namespaced)' : ''}`;
  if (i.form === 'kind') {
    const k = i.kind;
    return `${i.stage} ${who}: ${k.group}/${k.version}/${k.kind}${k.subresource ? `/${k.subresource}` : ''} ${ops}`;
  }
  return `${i.stage} ${who}: ${i.apiGroups.join('|')}/${i.apiVersions.join('|')}/${i.resources.join('|')} ${ops} scope=${i.scope}`;
}

const cases: { file: string; lines: string[]; timeoutSeconds?: number }[] = [
  {
    file: 'classic-operations.yaml',
    lines: [
      'validate operations/any-operation: */*/ConfigMap CREATE,UPDATE',
      'validate operations/creates-only: apps/v1/Deployment CREATE',
    ],
    timeoutSeconds: 15,
  },
  {
    file: 'classic-stages.yaml',
    lines: [
      'mutate stages/default-label: */*/Pod CREATE,UPDATE',
      'mutate stages/autogen-default-label: apps/v1/Deployment CREATE,UPDATE',
      'generate namespace-quota/quota: */*/Namespace CONNECT,CREATE,DELETE,UPDATE',
    ],
  },
  { file: 'not-in-admission.yaml', lines: [] },
  {
    file: 'namespaced-policy.yaml',
    lines: ['validate team-a/everything/r (namespaced): */*/* CONNECT,CREATE,DELETE,UPDATE'],
  },
  {
    file: 'cel-policies.yaml',
    lines: [
      'validate pods-cel: /v1/pods CREATE,UPDATE scope=*',
      'validate pods-cel: apps/v1/deployments CREATE,UPDATE scope=*',
      'validate pods-cel: batch/v1/cronjobs CREATE,UPDATE scope=*',
      'mutate label-services: /v1/services CREATE scope=*',
      'generate namespace-defaults: /v1/namespaces CONNECT,CREATE,DELETE,UPDATE scope=*',
    ],
    timeoutSeconds: 20,
  },
];

describe('admissionInterests', () => {
  it.each(cases)('$file', ({ file, lines, timeoutSeconds }) => {
    const found = interestsOf(file);
    expect(found.interests.map(line)).toEqual(lines);
    expect(found.timeoutSeconds).toBe(timeoutSeconds);
  });
});
