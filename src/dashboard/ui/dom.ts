// A tiny element builder: the page is a few tables, so no framework (docs/decisions.md).

type Child = Node | string | number | null | undefined | false;

/** An element with attributes (on* attributes take listeners) and children; text is never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | ((e: Event) => void) | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat())
    if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'number' ? String(c) : c);
  return el;
}

/** A table of rows, with a header; `numeric` columns are right-aligned. */
export function table(headers: string[], rows: Child[][], numeric: number[] = [], testid?: string): HTMLTableElement {
  const cls = (i: number) => (numeric.includes(i) ? 'n' : undefined);
  return h(
    'table',
    { 'data-testid': testid },
    h('thead', {}, h('tr', {}, ...headers.map((t, i) => h('th', { class: cls(i) }, t)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h('td', { class: cls(i) }, c))))),
  );
}

/** A badge for a policy's readiness to enforce: ready, not ready, or unknown (no repository given). */
export function readiness(ready: boolean | null): HTMLElement {
  if (ready === null) return h('span', { class: 'badge unknown' }, '—');
  return h('span', { class: `badge ${ready ? 'ready' : 'not-ready'}` }, ready ? 'ready' : 'not ready');
}

/** A result value, coloured. */
export function resultCell(result: string): HTMLElement {
  return h('span', { class: `result-${result}` }, result);
}

/** The link to a policy's drill-down. */
export function policyLink(policy: string): HTMLAnchorElement {
  return h('a', { href: `#/policy?name=${encodeURIComponent(policy)}`, 'data-testid': 'policy-link' }, policy);
}

/** An inline SVG line of failures over snapshots (the trend), or a dash with fewer than two points. */
export function sparkline(values: number[]): Node {
  if (values.length < 2) return document.createTextNode('—');
  const max = Math.max(1, ...values);
  const w = 80;
  const step = w / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(18 - (v / max) * 16).toFixed(1)}`).join(' ');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', '20');
  svg.innerHTML = `<polyline fill="none" stroke="#c62828" stroke-width="1.5" points="${points}"/>`;
  return svg;
}
