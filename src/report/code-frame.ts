// A short excerpt of a source file around one line, as compilers print it.

/** How many lines to show before and after the marked one. */
const CONTEXT = 2;

/** Styling hooks for the frame; identity functions give plain text. */
export interface FrameStyle {
  readonly gutter: (s: string) => string;
  readonly marker: (s: string) => string;
}

const PLAIN: FrameStyle = { gutter: (s) => s, marker: (s) => s };

/**
 * The lines of a code frame around 1-based `line` (with a caret under 1-based `column` when given),
 * or an empty list when the line is not in the text.
 */
export function codeFrame(text: string, line: number, column?: number, style: FrameStyle = PLAIN): string[] {
  const lines = text.split(/\r?\n/);
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return [];
  const first = Math.max(1, line - CONTEXT);
  const last = Math.min(lines.length, line + CONTEXT);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const mark = n === line ? style.marker('>') : ' ';
    out.push(`${mark} ${style.gutter(`${String(n).padStart(width)} |`)}${lines[n - 1] ? ` ${lines[n - 1]}` : ''}`);
    if (n === line && column !== undefined && column >= 1)
      out.push(`  ${style.gutter(`${' '.repeat(width)} |`)} ${caretPrefix(lines[n - 1], column)}${style.marker('^')}`);
  }
  return out;
}

// Tabs are kept so the caret lines up with the same display width as the source line.
function caretPrefix(source: string, column: number): string {
  return [...source.slice(0, column - 1)].map((c) => (c === '\t' ? '\t' : ' ')).join('');
}
