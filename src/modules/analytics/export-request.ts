import { type Request } from 'express';
import { type Text } from '../../core/i18n/text';
import { analyticsMessages as say } from './analytics.messages';
import { Breakdown } from './analytics-scope';
import { type AnalyticsTarget, targetProblem } from './analytics-target';
import { type TableFormat } from './table-download';

/** What an export's query string asks for, once read and checked. */
export interface ExportRequest {
  target: AnalyticsTarget;
  includeSubunits: boolean;
  breakdown: Breakdown;
  format: TableFormat;
}

const FORMATS = ['csv', 'xlsx'] as const;
const SEPARATORS: Record<string, ',' | ';'> = { comma: ',', ',': ',', semicolon: ';', ';': ';' };
const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };

/** A query parameter given once, as text; undefined when absent; null when repeated or nested (never valid). */
function single(req: Request, name: string): string | undefined | null {
  const v = req.query[name];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : null;
}

/**
 * The export's parameters from the query string and the file name's extension (`csv`, `xlsx` or none), or the
 * message of a 400. The unit and period by global ids or by unit code and year; the format by extension or by
 * `format=`; for CSV, `separator=semicolon` (then decimals with a comma) and `bom=true`.
 */
export function exportRequest(req: Request, extension: string | undefined): ExportRequest | Text {
  const [unitId, unitCode, periodId, yearText] = ['unitId', 'unitCode', 'periodId', 'year'].map((n) => single(req, n));
  if (unitId === null || unitCode === null) return say.unitChoice;
  if (periodId === null || yearText === null) return say.periodChoice;
  if (yearText !== undefined && !/^[0-9]{4}$/.test(yearText)) return say.year;
  const target: AnalyticsTarget = {
    unitId,
    unitCode,
    periodId,
    year: yearText === undefined ? undefined : Number(yearText),
  };
  const problem = targetProblem(target);
  if (problem) return problem.message;

  const includeSubunits = single(req, 'includeSubunits');
  if (includeSubunits !== undefined && includeSubunits !== 'true' && includeSubunits !== 'false')
    return say.includeSubunits;
  const breakdown = single(req, 'breakdown');
  if (breakdown !== undefined && (breakdown === null || !Object.hasOwn(Breakdown, breakdown))) return say.breakdown;

  const asked = single(req, 'format');
  if (asked === null || (asked !== undefined && !(FORMATS as readonly string[]).includes(asked))) return say.format;
  if (asked !== undefined && extension !== undefined && asked !== extension) return say.format;
  const kind = (asked ?? extension ?? 'csv') as (typeof FORMATS)[number];
  const separator = single(req, 'separator');
  const bom = single(req, 'bom');
  if (separator !== undefined && (separator === null || !Object.hasOwn(SEPARATORS, separator) || kind !== 'csv'))
    return say.separator;
  if (bom !== undefined && (bom === null || !Object.hasOwn(BOOLEANS, bom) || kind !== 'csv')) return say.bom;
  const delimiter = separator === undefined ? ',' : SEPARATORS[separator]!;
  return {
    target,
    includeSubunits: includeSubunits !== 'false',
    breakdown: (breakdown as Breakdown | undefined) ?? Breakdown.UNIT,
    format:
      kind === 'xlsx'
        ? { kind }
        : {
            kind,
            csv: { delimiter, decimalComma: delimiter === ';', bom: bom === undefined ? false : BOOLEANS[bom]! },
          },
  };
}
