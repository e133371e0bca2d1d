// Rendering a Helm chart Application source with `helm template`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JsonObject, type SourcePos } from '../engine/index.js';
import type { RepoFileCache } from './file-cache.js';
import { helmArgs } from './helm-args.js';
import { collectRenderOutput, type SourceRender } from './render-result.js';
import { isWithin } from './repo-paths.js';
import type { ApplicationModel, ApplicationSource, Renderers } from './types.js';

/** Render the chart in `chartDir`; objects point at their template (from helm's `# Source:` comments). */
export function renderHelm(
  root: string,
  app: ApplicationModel,
  source: ApplicationSource,
  chartDir: string,
  ctx: { renderers: Renderers; cache: RepoFileCache },
): SourceRender {
  const tempDir = mkdtempSync(join(tmpdir(), 'tollgate-helm-'));
  try {
    const built = helmArgs(root, app, source, chartDir, tempDir);
    if ('errors' in built) return { documents: [], errors: built.errors, skipped: [], usedDirs: [chartDir] };
    if ('skip' in built) {
      const note = {
        path: `${app.file}:${app.name}`,
        reason: `${built.skip}; Application ${app.name} was not rendered`,
      };
      return { documents: [], errors: [], skipped: [note], usedDirs: [chartDir] };
    }
    const output = ctx.renderers.helm(built.args);
    const templates = sourceComments(output.kind === 'ok' ? output.stdout : '');
    const chartYaml = { file: ctx.cache.relative(join(chartDir, 'Chart.yaml')), line: 1, column: 1 };
    const origin = (value: JsonObject, at: SourcePos): SourcePos =>
      templatePos(chartDir, templateBefore(templates, at.line), value, ctx.cache) ?? chartYaml;
    return { ...collectRenderOutput(app, source, output, origin, ctx.cache.strings), usedDirs: [chartDir] };
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

interface SourceComment {
  readonly line: number;
  readonly template: string;
}

/** helm prints `# Source: <chart>/templates/x.yaml` before each document. */
function sourceComments(stdout: string): SourceComment[] {
  const out: SourceComment[] = [];
  stdout.split('\n').forEach((l, i) => {
    const m = /^# Source: (.+)$/.exec(l);
    if (m) out.push({ line: i + 1, template: m[1].trim() });
  });
  return out;
}

function templateBefore(comments: SourceComment[], line: number): string | undefined {
  let found: string | undefined;
  for (const c of comments) if (c.line <= line) found = c.template;
  return found;
}

// The template path starts with the chart's name, not its directory: drop the first segment.
function templatePos(chartDir: string, template: string | undefined, value: JsonObject, cache: RepoFileCache) {
  if (!template) return undefined;
  const abs = join(chartDir, template.split('/').slice(1).join('/'));
  if (!isWithin(chartDir, abs) || !existsSync(abs)) return undefined;
  const kindLine = readFileSync(abs, 'utf8')
    .split('\n')
    .findIndex((l) => kindPattern(String(value.kind)).test(l));
  return { file: cache.relative(abs), line: kindLine >= 0 ? kindLine + 1 : 1, column: 1 };
}

function kindPattern(kind: string): RegExp {
  const escaped = kind.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^kind:\\s*["']?${escaped}["']?\\s*$`);
}
