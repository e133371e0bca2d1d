// Go time layouts: splits a reference-time layout ("2006-01-02T15:04:05Z07:00") into literals and
// standard elements, following time.nextStdChunk.

/** A layout element: literal text or a standard element such as `2006`, `Jan`, `Z07:00`, `.000`. */
export type LayoutChunk = { literal: string } | { std: string };

const NUMERIC_TZ = ['-070000', '-07:00:00', '-0700', '-07:00', '-07'];
const ISO_TZ = ['Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07'];

const startsWithLower = (s: string): boolean => s.length > 0 && s[0] >= 'a' && s[0] <= 'z';
const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i] >= '0' && s[i] <= '9';

// The standard element starting at layout[i], if any.
function stdAt(layout: string, i: number): string | undefined {
  const rest = layout.slice(i);
  switch (layout[i]) {
    case 'J':
      if (rest.startsWith('January')) return 'January';
      return rest.startsWith('Jan') && !startsWithLower(rest.slice(3)) ? 'Jan' : undefined;
    case 'M':
      if (rest.startsWith('Monday')) return 'Monday';
      if (rest.startsWith('Mon') && !startsWithLower(rest.slice(3))) return 'Mon';
      return rest.startsWith('MST') ? 'MST' : undefined;
    case '0':
      if (rest.length >= 2 && rest[1] >= '1' && rest[1] <= '6') return rest.slice(0, 2);
      return rest.startsWith('002') ? '002' : undefined;
    case '1':
      return rest.startsWith('15') ? '15' : '1';
    case '2':
      return rest.startsWith('2006') ? '2006' : '2';
    case '_':
      if (rest.startsWith('_2') && !rest.startsWith('_2006')) return '_2';
      return rest.startsWith('__2') ? '__2' : undefined;
    case '3':
    case '4':
    case '5':
      return layout[i];
    case 'P':
      return rest.startsWith('PM') ? 'PM' : undefined;
    case 'p':
      return rest.startsWith('pm') ? 'pm' : undefined;
    case '-':
      return NUMERIC_TZ.find((z) => rest.startsWith(z));
    case 'Z':
      return ISO_TZ.find((z) => rest.startsWith(z));
    case '.':
    case ',':
      return fractionAt(layout, i);
    default:
      return undefined;
  }
}

// `.000` / `.999` (or with a comma): a run of 0s or 9s not followed by another digit.
function fractionAt(layout: string, i: number): string | undefined {
  const ch = layout[i + 1];
  if (ch !== '0' && ch !== '9') return undefined;
  let j = i + 1;
  while (j < layout.length && layout[j] === ch) j++;
  return isDigitAt(layout, j) ? undefined : layout.slice(i, j);
}

/** Splits a layout into chunks (adjacent literal characters are merged). */
export function splitLayout(layout: string): LayoutChunk[] {
  const chunks: LayoutChunk[] = [];
  let literal = '';
  for (let i = 0; i < layout.length;) {
    const std = stdAt(layout, i);
    if (std === undefined) {
      literal += layout[i++];
      continue;
    }
    if (literal !== '') chunks.push({ literal });
    literal = '';
    chunks.push({ std });
    i += std.length;
  }
  if (literal !== '') chunks.push({ literal });
  return chunks;
}

/** True when the chunk is a fractional-second element. */
export function isFraction(chunk: LayoutChunk | undefined): boolean {
  return chunk !== undefined && 'std' in chunk && (chunk.std[0] === '.' || chunk.std[0] === ',');
}
