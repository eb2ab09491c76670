import { csvStringifier, neutraliseCell } from './csv';
import {
  CSV_PAYLOADS as PAYLOADS,
  readsAsText as safe,
  naivePieces,
  spreadsheetCells,
} from '../../../test/support/csv-readers';

async function written(rows: unknown[][]): Promise<string> {
  const csv = csvStringifier(['a', 'b']);
  const chunks: string[] = [];
  csv.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const done = new Promise((resolve) => csv.on('end', resolve));
  for (const row of rows) csv.write(row);
  csv.end();
  await done;
  return chunks.join('');
}

describe('CSV cells (OWASP CSV injection)', () => {
  it.each(PAYLOADS)(
    '%j: no cell starts a formula, split by comma, semicolon, tab, bar or line, with or without quotes',
    async (payload) => {
      const text = await written([
        [payload, 'ok'],
        ['ok', payload],
      ]);
      for (const delimiter of [',', ';', '\t', '|']) {
        const bad = spreadsheetCells(text, delimiter).filter((c) => !safe(c));
        expect([delimiter, bad]).toEqual([delimiter, []]);
      }
      expect(naivePieces(text).filter((c) => !safe(c))).toEqual([]);
    },
  );

  it('quotes every field and doubles embedded quotes; ordinary text, numbers and dates are unchanged', async () => {
    expect(
      await written([
        ['Hana "Ina" Itlay', 3],
        ['Jean-Claude Wenda', -1.5],
        [new Date('2027-01-04T01:00:00Z'), true],
      ]),
    ).toBe('"a","b"\n"Hana ""Ina"" Itlay","3"\n"Jean-Claude Wenda","-1.5"\n"2027-01-04T01:00:00.000Z","true"\n');
  });

  it('leaves names, codes and dates alone and marks only where a cell could begin', () => {
    expect(neutraliseCell('dr. Maria Wenda, M.Kes.')).toBe('dr. Maria Wenda, M.Kes.');
    expect(neutraliseCell('AN1-PUSTU')).toBe('AN1-PUSTU');
    expect(neutraliseCell("Hendrik;=cmd|'/C calc'!A0;x")).toBe("Hendrik;'=cmd|'/C calc'!A0;x");
    expect(neutraliseCell('=1+1')).toBe("'=1+1");
    expect(neutraliseCell('\t=1')).toBe("'\t'=1");
  });
});
