import { escapeHtml, html, SafeHtml } from './escape-html';

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['"quoted" \'single\'', '&quot;quoted&quot; &#39;single&#39;'],
    ['Ns. Maria Wenda, S.Kep.', 'Ns. Maria Wenda, S.Kep.'],
    [95, '95'],
    [null, ''],
    [undefined, ''],
  ])('%p → %p', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('html tag', () => {
  it('escapes every interpolation and keeps nested templates as markup', () => {
    const evil = '<img src=x onerror="alert(1)">';
    const inner = html`<b>${evil}</b>`;
    expect(html`<p title="${evil}">${inner}${[evil, html`<i>ok</i>`]}${null}${false}</p>`.markup).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"><b>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</b>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;<i>ok</i></p>',
    );
  });

  it('makes SafeHtml, which renders as its markup', () => {
    const out = html`<br>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(String(out)).toBe('<br>');
  });
});
