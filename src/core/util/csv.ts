import { stringify, type Stringifier } from 'csv-stringify';

/**
 * Characters a spreadsheet reads as the start of a formula (OWASP, CSV injection): = + - @, tab and carriage
 * return, and their full-width forms, which some spreadsheets fold to ASCII.
 */
const TRIGGER = '=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20';

/**
 * Where a reader may start a new cell: our separator is a comma, but a spreadsheet set to Indonesian (or any
 * European) regional settings splits on `;`, others on tab or `|`, and every one on a line break. Quoting does
 * not save us there: a reader splitting on `;` treats `"a","b;c"` as `"a","b` and `c"`.
 */
const SEPARATOR = ',;\\t|\\r\\n';

/** A trigger, possibly behind blanks or quotes (which some readers trim), at the start of the rest of a cell. */
const STARTS_FORMULA = new RegExp(`^[\\s"]*[${TRIGGER}]`);
const IS_SEPARATOR = new RegExp(`[${SEPARATOR}]`);
/** Whether a cell needs any apostrophe: one pass of the regex engine, so the usual cell costs no loop. */
const ANY_RISK = new RegExp(`(?:^|[${SEPARATOR}])[\\s"]*[${TRIGGER}]`);

/**
 * A text cell made safe to open in a spreadsheet: an apostrophe at every place a reader could begin a cell (the
 * start, and right after each separator) when what follows starts a formula, so the cell reads as text however
 * the line is split. Ordinary text (names, codes, dates) is returned unchanged.
 */
export function neutraliseCell(value: string): string {
  if (!ANY_RISK.test(value)) return value;
  let out = '';
  let from = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i > 0 && !IS_SEPARATOR.test(value[i - 1]!)) continue;
    if (!STARTS_FORMULA.test(value.slice(i))) continue;
    out += `${value.slice(from, i)}'`;
    from = i;
  }
  return out + value.slice(from);
}

/** How a CSV export is laid out for its reader; the defaults suit scripts, the options a spreadsheet. */
export interface CsvLayout {
  /** The field separator: `;` for spreadsheets set to a locale whose list separator it is (Indonesian among them). */
  delimiter?: ',' | ';';
  /** A UTF-8 byte order mark first, so that Excel reads the text as UTF-8. */
  bom?: boolean;
  /** Decimal numbers with a comma, as those same locales write them (a `;`-separated file's reader expects it). */
  decimalComma?: boolean;
}

/**
 * The CSV writer of every export: each field quoted (embedded quotes doubled), each text cell through
 * `neutraliseCell`, booleans as true/false, dates as ISO instants and numbers as digits (never neutralised: a
 * number's minus sign is no formula).
 */
export function csvStringifier(columns: string[], layout: CsvLayout = {}): Stringifier {
  return stringify({
    header: true,
    columns,
    quoted: true,
    delimiter: layout.delimiter ?? ',',
    bom: layout.bom ?? false,
    cast: {
      string: neutraliseCell,
      boolean: (b) => (b ? 'true' : 'false'),
      date: (d) => d.toISOString(),
      number: (n) => (layout.decimalComma ? String(n).replace('.', ',') : String(n)),
    },
  });
}
