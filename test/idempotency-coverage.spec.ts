import { buildAppSchema } from '../src/app/schema';
import { IDEMPOTENT_MUTATIONS } from '../src/core/idempotency/idempotent';

/**
 * Every create-type mutation (its name says it makes a new record) takes an `Idempotency-Key` (`@Idempotent()`
 * where it is defined), so that a new one cannot be added without it. Named exceptions say why they need none.
 */
const CREATE_TYPE = /^(create|add|record|give|file|suggest|replyTo|open|import|sync)[A-Z]/;

const SAFE_TO_RESEND_WITHOUT_KEY: Record<string, string> = {
  importUnits: 'an upsert by unit code: a resent batch finds its rows UNCHANGED',
  importEmployees: 'an upsert by NIP: a resent batch finds its rows UNCHANGED',
  syncActivities: 'each entry carries its own key, its clientId',
};

describe('idempotency coverage', () => {
  it('marks every create-type mutation @Idempotent(), and nothing else', async () => {
    const schema = await buildAppSchema();
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    const createType = mutations.filter((name) => CREATE_TYPE.test(name) && !(name in SAFE_TO_RESEND_WITHOUT_KEY));
    expect(createType.length).toBeGreaterThan(10);
    expect([...IDEMPOTENT_MUTATIONS].sort()).toEqual(createType.sort());
  });
});
