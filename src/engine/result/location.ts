/** A path into a document: ['spec', 'containers', 0, 'image'], shown as spec.containers[0].image. */
export type JsonPath = readonly (string | number)[];

/** A position in a source file; line and column are 1-based, as editors show them. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** `['spec','containers',0,'image']` → `spec.containers[0].image`. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `file:line` or `file:line:column` for messages. */
export function formatPos(pos: SourcePos, withColumn = false): string {
  return withColumn ? `${pos.file}:${pos.line}:${pos.column}` : `${pos.file}:${pos.line}`;
}
