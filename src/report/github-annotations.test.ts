import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CheckFinding, CheckReport } from './check-model.js';
import { escapeData, escapeProperty, renderGithubAnnotations } from './github-annotations.js';
import { finding as baseFinding } from './testdata/findings.js';

const report = parse(readFileSync(new URL('./testdata/check-report.yaml', import.meta.url), 'utf8')) as CheckReport;

const finding = (over: Partial<CheckFinding>): CheckFinding => baseFinding({ line: 3, ...over });

function annotate(f: CheckFinding): string {
  const summary = { resources: 1, pass: 0, fail: 0, warn: 0, error: 0, skip: 0, blocking: 0 };
  return renderGithubAnnotations({ results: [f], errors: [], skipped: [], summary });
}

describe('renderGithubAnnotations', () => {
  it('annotates the fixture: problems by file and line, then load errors and skips', () => {
    expect(renderGithubAnnotations(report).split('\n')).toEqual([
      '::error file=apps/db/statefulset.yaml,line=1,title=check-image/verify-registry::StatefulSet data/db: failed to substitute variables: variable images.containers.db not found',
      '::error file=apps/web/deployment.yaml,line=6,col=3,title=require-labels/check-team::Deployment prod/web: validation error: label team is required.%0Arule check-team failed at path /metadata/labels/team/',
      '::warning file=apps/web/deployment.yaml,line=13,col=11,title=require-probes/readiness::Deployment prod/web: validation error: readinessProbe is required. rule readiness failed at path /spec/template/spec/containers/0/readinessProbe/',
      '::warning file=apps/web/service.yaml,line=1,title=restrict-nodeport/validate-nodeport::Service prod/web: Services of type NodePort are not allowed.',
      '::error file=cluster/namespace.yaml,line=3,col=3,title=require-labels/check-team::Namespace prod: validation error: label team is required. rule check-team failed at path /metadata/labels/',
      '::error file=apps/broken.yaml,line=4,title=load error::bad indentation of a mapping entry',
      '::notice title=not evaluated::apps/legacy: Helm chart needs helm, which is not installed',
      '::notice file=policies/cel.yaml,line=2,title=not evaluated::policies/cel.yaml:2: ValidatingPolicy (CEL policy) is not supported yet',
      '',
    ]);
  });

  it.each([
    ['Enforce failure', finding({}), '::error file=a.yaml,line=3,title=p/r::Pod ns/x: m'],
    ['Audit failure', finding({ action: 'Audit' }), '::warning file=a.yaml,line=3,title=p/r::Pod ns/x: m'],
    ['warn result', finding({ result: 'warn' }), '::warning file=a.yaml,line=3,title=p/r::Pod ns/x: m'],
    [
      'Audit rule error',
      finding({ result: 'error', action: 'Audit' }),
      '::warning file=a.yaml,line=3,title=p/r::Pod ns/x: m',
    ],
    ['pass', finding({ result: 'pass' }), ''],
    ['skip', finding({ result: 'skip' }), ''],
    [
      'escaped data',
      finding({ message: '100% sure:\r\nline, two' }),
      '::error file=a.yaml,line=3,title=p/r::Pod ns/x: 100%25 sure:%0D%0Aline, two',
    ],
    [
      'escaped properties',
      finding({ file: 'dir,1/a:b%.yaml', policy: 'ns/pol:x', rule: 'r,1' }),
      '::error file=dir%2C1/a%3Ab%25.yaml,line=3,title=ns/pol%3Ax/r%2C1::Pod ns/x: m',
    ],
    ['unknown line left out', finding({ line: 0 }), '::error file=a.yaml,title=p/r::Pod ns/x: m'],
  ])('renders a %s', (_name, f, line) => {
    expect(annotate(f)).toBe(line ? `${line}\n` : '');
  });

  it.each([
    ['%', '%25', '%25'],
    ['a\nb\rc', 'a%0Ab%0Dc', 'a%0Ab%0Dc'],
    ['k:v,w', 'k:v,w', 'k%3Av%2Cw'],
    ['%0A', '%250A', '%250A'],
  ])('escapes %j', (raw, data, property) => {
    expect(escapeData(raw)).toBe(data);
    expect(escapeProperty(raw)).toBe(property);
  });
});
