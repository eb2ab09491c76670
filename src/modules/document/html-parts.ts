import { html, SafeHtml } from './escape-html';
import { formatDate } from './document-labels';
import { type PersonBlock } from './document.model';

/** Print styles for A4 (a constant of this module, the only markup not made by `html`), close to the paper forms HR offices file: serif text, ruled tables, signature columns. */
const PRINT_CSS = new SafeHtml(`
@page { size: A4 portrait; margin: 15mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", Times, serif; font-size: 10.5pt; color: #000; margin: 0; line-height: 1.3; }
main { max-width: 182mm; margin: 0 auto; padding: 6mm 0; }
.government { font-size: 12pt; font-weight: bold; text-align: center; margin: 0 0 6px; padding-bottom: 4px; border-bottom: 2px solid #000; letter-spacing: 0.5px; }
h1 { font-size: 13pt; text-align: center; margin: 0; letter-spacing: 0.5px; }
.subtitle { text-align: center; font-weight: bold; margin: 2px 0 0; font-size: 10.5pt; }
.period { display: flex; justify-content: space-between; margin: 10px 0 4px; font-weight: bold; }
h2 { font-size: 10.5pt; margin: 12px 0 4px; text-transform: uppercase; }
table { border-collapse: collapse; width: 100%; margin: 0 0 6px; page-break-inside: auto; }
th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #e8e8e8; text-align: center; font-weight: bold; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td.no { width: 7mm; text-align: center; }
td.label { width: 34mm; }
ul.guides { margin: 2px 0 0 16px; padding: 0; }
.note { font-size: 9pt; font-style: italic; margin: 2px 0 6px; }
.rating { font-weight: bold; }
.signatures { display: flex; justify-content: space-between; margin-top: 18px; page-break-inside: avoid; }
.signature { width: 46%; text-align: center; }
.signature .space { height: 22mm; }
.signature .name { font-weight: bold; text-decoration: underline; }
@media screen { body { background: #f2f2f2; } main { background: #fff; padding: 14mm; margin: 8mm auto; box-shadow: 0 0 4px #999; } }
@media print { .no-print { display: none; } }
`);

/** The whole page: a complete, self-contained HTML document with inline print CSS. */
export function page(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${PRINT_CSS}</style>
</head>
<body><main>
${body}
</main></body>
</html>
`.markup;
}

const dash = (value: string | null | undefined): string =>
  value === null || value === undefined || value.trim() === '' ? '—' : value;

const PERSON_ROWS: ReadonlyArray<[string, (p: PersonBlock | null) => string]> = [
  ['NAMA', (p) => dash(p?.name)],
  ['NIP', (p) => dash(p?.nip)],
  ['PANGKAT/GOL. RUANG', (p) => dash(p?.rank)],
  ['JABATAN', (p) => dash(p?.position)],
  ['UNIT KERJA', (p) => dash(p?.unit)],
];

/** The side-by-side identity blocks (PEGAWAI YANG DINILAI | PEJABAT PENILAI KINERJA | …), five rows each. */
export function peopleTable(blocks: ReadonlyArray<[string, PersonBlock | null]>): SafeHtml {
  return html`<table class="people">
<thead><tr>${blocks.map(([heading]) => html`<th>NO</th><th colspan="2">${heading}</th>`)}</tr></thead>
<tbody>${PERSON_ROWS.map(
    ([label, value], i) =>
      html`<tr>${blocks.map(([, person]) => html`<td class="no">${i + 1}</td><td class="label">${label}</td><td>${value(person)}</td>`)}</tr>`,
  )}</tbody>
</table>`;
}

/** A signature column: role, blank space, name underlined, NIP. */
function signature(role: string, person: PersonBlock | null, dateLine: string | null): SafeHtml {
  return html`<div class="signature">
<div>${dateLine ?? '\u00a0'}</div>
<div>${role}</div>
<div class="space"></div>
<div class="name">${dash(person?.name)}</div>
<div>${person?.nip ? `NIP. ${person.nip}` : '\u00a0'}</div>
</div>`;
}

/** Two signature columns; the date line (place, date) goes over the right one, as on the form. */
export function signatures(
  left: [string, PersonBlock | null],
  right: [string, PersonBlock | null],
  place: string,
  date: string | null,
): SafeHtml {
  const dateLine = `${place}, ${date ? formatDate(date) : '.................... '}`;
  return html`<div class="signatures">${signature(left[0], left[1], null)}${signature(right[0], right[1], dateLine)}</div>`;
}

/** Paragraph text with line breaks kept (each line escaped). */
export function multiline(text: string | null): SafeHtml {
  const lines = dash(text).split(/\r?\n/);
  return html`${lines.map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}`;
}
