import { Router, type Request, type Response } from 'express';
import {
  chargeOrRefuse,
  drainedOrGone,
  type ExportDeps,
  fail,
  signedInContext,
  unauthenticatedAs401,
} from '../../core/http/export-route';
import { Permission } from '../../core/policy/permission';
import { sendTable } from '../analytics/table-download';
import { siasnMessages as say, SiasnProblem } from './siasn.errors';
import { siasnService, type SiasnTarget } from './siasn.service';
import { type SiasnRecord } from './siasn.types';

/** The columns of the CSV, in the order of the JSON objects' keys (`docs/siasn.md`). */
export const SIASN_COLUMNS: ReadonlyArray<keyof SiasnRecord> = [
  'recordId',
  'version',
  'siasnId',
  'kind',
  'nip',
  'pnsDinilaiId',
  'tahun',
  'bulanMulaiPenilaian',
  'bulanSelesaiPenilaian',
  'tahunMulaiPenilaian',
  'tahunSelesaiPenilaian',
  'periodikId',
  'hasilKinerjaNilai',
  'perilakuKerjaNilai',
  'kuadranKinerjaNilai',
  'koefisienId',
  'koefisien',
  'penilaiNama',
  'penilaiNipNrp',
  'penilaiGolongan',
  'penilaiJabatanNama',
  'penilaiUnorNama',
  'statusPenilai',
];

/** The weight of an export in the caller's budget: about a full page of `siasnPending`, whatever the size. */
const SIASN_EXPORT_COST = 2_500;

/** A query parameter given once, as text; undefined otherwise (absent, repeated or nested). */
function single(req: Request, name: string): string | undefined {
  const v = req.query[name];
  return typeof v === 'string' ? v : undefined;
}

/** Streams the records as a JSON array, one object at a time with backpressure; stops when the client goes. */
async function sendJson(res: Response, name: string, records: AsyncIterable<SiasnRecord>): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${name}.json"`);
  res.setHeader('cache-control', 'private, no-store');
  let gone = false;
  res.once('close', () => (gone = true));
  let first = true;
  if (!res.write('[')) await drainedOrGone(res, res);
  for await (const record of records) {
    if (gone) return;
    const item = Object.fromEntries(SIASN_COLUMNS.map((c) => [c, record[c]]));
    if (!res.write(`${first ? '' : ','}\n${JSON.stringify(item)}`)) await drainedOrGone(res, res);
    first = false;
  }
  if (!gone) res.end('\n]\n');
}

/**
 * `GET /exports/siasn/kinerja-periodik.json` and `.csv?unitCode=…&year=…`: the records `siasnPending` lists, all of
 * them (`docs/siasn.md`). HR admins only (others 403 FORBIDDEN), for a unit in their scope (else 403 OUT_OF_SCOPE).
 */
export function siasnRouter(deps: ExportDeps): Router {
  const router = Router();

  router.get(['/siasn/kinerja-periodik.json', '/siasn/kinerja-periodik.csv'], async (req, res, next) => {
    try {
      const ctx = await signedInContext(deps, req, res);
      if (!ctx) return;
      if (!(await ctx.policy.can(Permission.MANAGE_ORGANISATION))) return fail(res, 403, 'FORBIDDEN', say.hrOnly);
      const unitCode = single(req, 'unitCode');
      const yearText = single(req, 'year');
      if (!unitCode || !yearText || !/^[0-9]{4}$/.test(yearText)) return fail(res, 400, 'BAD_REQUEST', say.target);
      const target: SiasnTarget | SiasnProblem = await siasnService.target(ctx, unitCode, Number(yearText));
      if (target === SiasnProblem.NOT_FOUND) return fail(res, 404, 'NOT_FOUND', say.notFound);
      if (target === SiasnProblem.OUT_OF_SCOPE) return fail(res, 403, 'OUT_OF_SCOPE', say.outOfScope);
      if (typeof target === 'string') return fail(res, 404, 'NOT_FOUND', say.notFound);
      if (!chargeOrRefuse(deps, ctx, res, SIASN_EXPORT_COST)) return;
      const name = `kinerja-periodik-${target.year}-${target.unit.code}`;
      const records = siasnService.allPending(ctx, target);
      if (req.path.endsWith('.json')) return await sendJson(res, name, records);
      return await sendTable(
        res,
        name,
        { kind: 'csv', csv: { delimiter: ',', decimalComma: false, bom: false } },
        [...SIASN_COLUMNS],
        (async function* () {
          for await (const r of records) yield SIASN_COLUMNS.map((c) => r[c]);
        })(),
      );
    } catch (error) {
      next(error);
    }
  });

  router.use(unauthenticatedAs401);
  return router;
}
