import DataLoader from 'dataloader';
import { rawByIds } from '../../core/database/raw-entities';
import { byKey, type LoaderFactory } from '../../core/context/loader-registry';
import { ExternalOfficial } from './external-official.entity';

/** External officials by id, without policy: callers go through `externalOfficialService`. */
export const externalOfficialById: LoaderFactory<number, ExternalOfficial | null> = (ctx) =>
  new DataLoader(async (ids) => byKey(ids, await rawByIds(ctx.em, ExternalOfficial, ids), (o) => o.rowId));
