import { describe, expect, it } from 'vitest';
import { escapeXmlAttr, escapeXmlText } from './xml-escape.js';

describe('XML escaping', () => {
  it.each([
    ['a < b && c > d', 'a &lt; b &amp;&amp; c &gt; d', 'a &lt; b &amp;&amp; c &gt; d'],
    [`say "hi" it's`, `say "hi" it's`, 'say &quot;hi&quot; it&apos;s'],
    ['l1\nl2\r\tx', 'l1\nl2\r\tx', 'l1&#10;l2&#13;&#9;x'],
    ['bell\u0007 nul\u0000', 'bell\uFFFD nul\uFFFD', 'bell\uFFFD nul\uFFFD'],
    ['ü ✓', 'ü ✓', 'ü ✓'],
  ])('escapes %j', (raw, text, attr) => {
    expect(escapeXmlText(raw)).toBe(text);
    expect(escapeXmlAttr(raw)).toBe(attr);
  });
});
