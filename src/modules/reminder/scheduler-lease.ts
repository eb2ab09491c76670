import { type EntityManager } from 'typeorm';
import { SchedulerLease } from './scheduler-lease.entity';

/**
 * Takes or renews the lease of a job: true when `holder` holds it until `now + ms`. The row is created once (a
 * duplicate insert is ignored); then one conditional UPDATE, which matches only when the lease has expired or is
 * already ours, decides by its affected rows. A plain row update replicates on a Galera cluster, where a named lock
 * (GET_LOCK) would hold on one node only.
 */
export async function takeLease(
  em: EntityManager,
  name: string,
  holder: string,
  now: Date,
  ms: number,
): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ms);
  await em.createQueryBuilder().insert().into(SchedulerLease).values({ name, holder, expiresAt }).orIgnore().execute();
  const result = await em
    .createQueryBuilder()
    .update(SchedulerLease)
    .set({ holder, expiresAt })
    .where('name = :name AND (expires_at < :now OR holder = :holder)', { name, now, holder })
    .execute();
  return (result.affected ?? 0) > 0;
}

/** Gives the lease up (at shutdown), so that another instance takes over at its next run instead of waiting. */
export async function releaseLease(em: EntityManager, name: string, holder: string, now: Date): Promise<void> {
  await em
    .createQueryBuilder()
    .update(SchedulerLease)
    .set({ expiresAt: new Date(now.getTime() - 1000) })
    .where('name = :name AND holder = :holder', { name, holder })
    .execute();
}
