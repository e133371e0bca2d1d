import { describe, expect, it } from 'vitest';
import { helmCommandLine, runTool } from './renderers.js';
import { firstLine } from './render-result.js';
import type { HelmArgs } from './types.js';

const base: HelmArgs = {
  releaseName: 'web',
  chartDir: '/repo/charts/web',
  valueFiles: [],
  set: [],
  setString: [],
  setFile: [],
  skipCrds: false,
  apiVersions: [],
};

describe('helmCommandLine', () => {
  it.each([
    [base, ['template', 'web', '/repo/charts/web', '--include-crds']],
    [
      {
        ...base,
        namespace: 'ns',
        valueFiles: ['/a.yaml', '/b.yaml'],
        set: ['x=1'],
        setString: ['y=2'],
        skipCrds: true,
      },
      [
        'template',
        'web',
        '/repo/charts/web',
        '--namespace',
        'ns',
        '--values',
        '/a.yaml',
        '--values',
        '/b.yaml',
        '--set',
        'x=1',
        '--set-string',
        'y=2',
        '--skip-crds',
      ],
    ],
    [
      { ...base, setFile: ['cfg=/repo/f'], kubeVersion: '1.29', apiVersions: ['v1/X'] },
      [
        'template',
        'web',
        '/repo/charts/web',
        '--set-file',
        'cfg=/repo/f',
        '--include-crds',
        '--kube-version',
        '1.29',
        '--api-versions',
        'v1/X',
      ],
    ],
  ])('builds argv %#', (args, argv) => {
    expect(helmCommandLine(args)).toEqual(argv);
  });
});

describe('runTool', () => {
  it('reports a tool that is not installed as missing', () => {
    expect(runTool('tollgate-no-such-tool', [], 1000)).toEqual({ kind: 'missing', tool: 'tollgate-no-such-tool' });
  });

  it('returns stdout of a successful run', () => {
    expect(runTool('node', ['-e', 'process.stdout.write("ok")'], 10_000)).toEqual({ kind: 'ok', stdout: 'ok' });
  });

  it('returns stderr of a failed run', () => {
    expect(runTool('node', ['-e', 'console.error("bad"); process.exit(3)'], 10_000)).toEqual({
      kind: 'failed',
      tool: 'node',
      stderr: 'bad\n',
    });
  });
});

describe('firstLine', () => {
  it.each([
    ['\n\nError: boom\nnext', 'Error: boom'],
    ['E1124 13:46:55.764763   29774 run.go:72] "command failed" err="x"', '"command failed" err="x"'],
    ['', 'no error output'],
  ])('%j → %s', (stderr, expected) => {
    expect(firstLine(stderr)).toBe(expected);
  });
});
