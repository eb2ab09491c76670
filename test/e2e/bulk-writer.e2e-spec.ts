import { BulkWriter, bulkTransaction } from '../../src/seed/bulk-writer';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';

const AUDIT_COLUMNS = [
  'occurred_at',
  'actor_kind',
  'actor_employee_id',
  'actor_subject',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'request_id',
];

const auditRow = (n: number, text: string, at: Date): unknown[] => [
  at,
  'system',
  null,
  `seed-${n}`,
  'ORGANISATION_SEEDED',
  'Unit',
  n,
  text,
  null,
  null,
];

/** The seed's writer (`src/seed/bulk-writer.ts`): its statements are written by hand on MySQL, so they are read back. */
describe('the seed’s bulk writer', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());
  beforeEach(() => t.db.manager.query('DELETE FROM audit_entry'));

  const readBack = async () =>
    (
      (await t.db.manager.query(
        'SELECT actor_subject AS subject, entity_id AS id, occurred_at AS at, `before` AS text, actor_employee_id AS nobody FROM audit_entry ORDER BY id',
      )) as Array<{ subject: string; id: number | string; at: Date | string; text: string; nobody: null }>
    ).map((r) => ({
      subject: r.subject,
      id: Number(r.id),
      at: new Date(r.at instanceof Date ? r.at : `${r.at.replace(' ', 'T')}Z`).toISOString(),
      text: r.text,
      nobody: r.nobody,
    }));

  it('stores every value as written: quotes, backslashes, line breaks, tabs, non-Latin text, nulls and instants', async () => {
    const texts = [
      'Ma\'ruf "Amin"',
      'C:\\bukti\\laporan.pdf',
      'baris satu\nbaris dua\r\n\ttertab',
      'Lembah Baliem — ᜊᜎᜒ, 日本, 🌄',
      '?, ?? and a ? that is no placeholder',
      '',
      JSON.stringify([{ title: 'Laporan', url: 'https://portal.example/bukti/1.pdf?v=1&x="2"' }]),
      'NUL \u0000 and SUB \u001a',
    ];
    const at = new Date(Date.UTC(2026, 0, 5, 1, 2, 3));
    await bulkTransaction(t.db, (w) =>
      w.insert(
        'audit_entry',
        AUDIT_COLUMNS,
        texts.map((text, i) => auditRow(i + 1, text, new Date(at.getTime() + i * 86_400_000))),
      ),
    );
    expect(await readBack()).toEqual(
      texts.map((text, i) => ({
        subject: `seed-${i + 1}`,
        id: i + 1,
        at: new Date(at.getTime() + i * 86_400_000).toISOString(),
        text,
        nobody: null,
      })),
    );
  });

  it('cuts many rows into several statements and writes them all, in order', async () => {
    const at = new Date(Date.UTC(2026, 5, 1));
    const rows = Array.from({ length: 14_000 }, (_, i) => auditRow(i + 1, `catatan ${i + 1}`, at));
    const reported: number[] = [];
    await bulkTransaction(t.db, (w) => w.insert('audit_entry', AUDIT_COLUMNS, rows, (done) => reported.push(done)));
    const back = await readBack();
    expect(back).toHaveLength(14_000);
    expect(back.every((r, i) => r.id === i + 1 && r.text === `catatan ${i + 1}`)).toBe(true);
    expect(reported.length).toBeGreaterThan(1);
    expect(reported.at(-1)).toBe(14_000);
  });

  it('rolls the whole transaction back when a queued statement fails, and says so', async () => {
    const at = new Date(Date.UTC(2026, 5, 1));
    await expect(
      bulkTransaction(t.db, async (w) => {
        await w.insert('audit_entry', AUDIT_COLUMNS, [auditRow(1, 'kept only if all is', at)]);
        await w.insert('audit_entry', [...AUDIT_COLUMNS, 'no_such_column'], [[...auditRow(2, 'broken', at), 1]]);
        await w.insert('audit_entry', AUDIT_COLUMNS, [auditRow(3, 'after the broken one', at)]);
      }),
    ).rejects.toThrow(/no_such_column/);
    expect(await readBack()).toEqual([]);
  });

  it('leaves the pooled connections checking foreign keys and unique keys afterwards', async () => {
    // On MariaDB each INSERT skips the checks for itself only (SET STATEMENT … FOR): nothing stays on the connection.
    await bulkTransaction(t.db, (w) =>
      w.insert('audit_entry', AUDIT_COLUMNS, [auditRow(1, 'x', new Date(Date.UTC(2026, 0, 1)))]),
    );
    await t.db.transaction(async (em) => {
      if (testDatabaseKind === 'mysql') {
        const [flags] = (await em.query('SELECT @@foreign_key_checks AS fk, @@unique_checks AS uq')) as Array<{
          fk: number | string;
          uq: number | string;
        }>;
        expect([Number(flags!.fk), Number(flags!.uq)]).toEqual([1, 1]);
      }
      const writer = new BulkWriter(em);
      // A unit whose parent does not exist: refused by the database when written outside the seed's writer.
      await expect(
        em.query(
          "INSERT INTO unit (id, code, name, kind, parent_id, version, created_at, updated_at) VALUES (900001, 'X', 'X', 'SECTION', 123456789, 1, ?, ?)",
          [writer.stamp(new Date()), writer.stamp(new Date())],
        ),
      ).rejects.toThrow();
    });
  });
});
