// What rendering one Application source yields, and the shared handling of renderer output.
import {
  parseDocuments,
  type JsonObject,
  type SourceDocument,
  type SourcePos,
  type StringPool,
} from '../engine/index.js';
import { renderedDocument } from './repo-documents.js';
import type { ApplicationModel, ApplicationSource, RenderOutput, RepositoryError, SkippedEntry } from './types.js';

/** The documents of one rendered source (positions point into the repository). */
export interface SourceRender {
  readonly documents: SourceDocument[];
  readonly errors: RepositoryError[];
  readonly skipped: SkippedEntry[];
  /** The renderer that was needed but is not installed. */
  readonly missingTool?: string;
  /** Absolute directories this source reads; plain-manifest discovery leaves them out. */
  readonly usedDirs: string[];
}

/** Turn a renderer's output into located documents, or the matching error / missing-tool note. */
export function collectRenderOutput(
  app: ApplicationModel,
  source: ApplicationSource,
  out: RenderOutput,
  origin: (value: JsonObject, stdoutPos: SourcePos) => SourceDocument | SourcePos,
  pool: StringPool,
): Omit<SourceRender, 'usedDirs'> {
  if (out.kind === 'missing') {
    const reason = `${out.tool} is not installed; Application ${app.name} was not rendered`;
    return { documents: [], errors: [], skipped: [{ path: `${app.file}:${app.name}`, reason }], missingTool: out.tool };
  }
  const at = app.locate(source.fieldPath);
  if (out.kind === 'failed') {
    const message = `Application ${app.name}: ${out.tool} failed: ${firstLine(out.stderr)}`;
    return { documents: [], errors: [{ file: at.file, line: at.line, message }], skipped: [] };
  }
  const parsed = parseDocuments(out.stdout, `<${app.name} rendered>`, pool);
  const errors = parsed.errors.map((e) => ({
    file: at.file,
    line: at.line,
    message: `Application ${app.name}: rendered output is not valid YAML: ${e.message}`,
  }));
  const documents = parsed.documents.map((d) =>
    renderedDocument(d.value, d.index, origin(d.value as JsonObject, d.pos)),
  );
  return { documents, errors, skipped: [] };
}

/** The first meaningful stderr line, without klog's `E0101 12:00:00.000 123 file.go:1]` prefix. */
export function firstLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(/^[EWIF]\d{4} [\d:.]+\s+\d+ [\w.-]+:\d+\] /, '').trim() || 'no error output';
}
