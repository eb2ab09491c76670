/** How spreadsheets may read a CSV export, for the CSV-injection tests (issue 15, item 9). */

/** Triggers a spreadsheet reads as a formula (OWASP), ASCII and full-width. */
export const FORMULA_TRIGGER = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * How a lenient spreadsheet reads one CSV text with `delimiter`: a field that opens with a quote runs to its
 * closing quote (`""` is a quote), whatever follows until the delimiter is appended as is; otherwise a field runs to
 * the delimiter or a line break. Returns every cell, leading blanks kept.
 */
export function spreadsheetCells(text: string, delimiter: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
    }
    while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
    cells.push(cell);
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    i++;
  }
  return cells;
}

/** Every piece of `text` cut at any separator a reader might use, ignoring quotes altogether. */
export function naivePieces(text: string): string[] {
  return text.split(/[,;\t|\r\n]/);
}

/** Payloads from OWASP's CSV-injection page and the issue, each with an ordinary prefix or none. */
export const CSV_PAYLOADS = [
  '=1+1',
  '+1',
  '-1',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  "Hendrik;=cmd|'/C calc'!A0;x",
  'a,=1',
  'a|=1',
  'a\t=1',
  'a\n=1',
  'a; =1',
  'a;"=1',
  '"=1+1"',
  'a";=HYPERLINK("http://evil.example")',
  '＝1+1',
  'x;＋1',
];

/** A cell that reads as text: no trigger after any leading blanks or quotes (a plain number is a number). */
export const readsAsText = (cell: string): boolean =>
  /^-?\d+(\.\d+)?$/.test(cell) || !FORMULA_TRIGGER.test(cell.replace(/^[ "]+/, ''));
