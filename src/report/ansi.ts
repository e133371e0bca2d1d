// ANSI colouring for terminal output, or none at all.

const CODES = { red: 31, green: 32, yellow: 33, magenta: 35, cyan: 36, bold: 1, dim: 2 } as const;

/** A colour or weight the text output uses. */
export type Tone = keyof typeof CODES;

/** A painter: wraps text in the escape codes of a tone, or returns it unchanged when colour is off. */
export type Paint = (tone: Tone, text: string) => string;

/** A painter that colours only when `color` is true. */
export function painter(color: boolean): Paint {
  if (!color) return (_tone, text) => text;
  return (tone, text) => (text ? `\u001b[${CODES[tone]}m${text}\u001b[0m` : text);
}
