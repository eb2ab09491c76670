import { fromGlobalId, toGlobalId } from '../../src/core/graphql/global-id';
import { AppraisalForm, AppraisalStatus, PlanApproach } from '../../src/modules/appraisal/appraisal-enums';
import { EmploymentType, Gender, PositionKind } from '../../src/modules/employee/employee-enums';
import { insertRows } from '../../src/seed/seed-writer';
import { type TestApp } from './test-app';

/**
 * A unit of `rows` employees, each with an approved plan in the period `periodId` (a global id): what a large
 * appraisal-results export streams. Shared by `test/e2e/analytics-exports.e2e-spec.ts` (every line arrives) and
 * `reliability/analytics-export-memory.ts` (in flat memory). Returns the unit's global id.
 */
export async function givenApprovedPlans(app: TestApp, periodId: string, rows: number): Promise<string> {
  const unit = await app.fixtures.unit({ code: 'BIG-UNIT', name: 'Unit Besar' });
  const now = new Date('2027-01-04T01:00:00Z');
  const base = 1_000_000;
  const period_ = fromGlobalId(periodId)!.id;
  await app.db.transaction(async (em) => {
    const noop = () => undefined;
    // Built and written in slices, so that the test itself does not hold 100,000 rows either.
    for (let from = 0; from < rows; from += 20_000) {
      const ids = Array.from({ length: Math.min(20_000, rows - from) }, (_, i) => base + from + i);
      await insertRows(
        em,
        'employee',
        [
          'id',
          'nip',
          'name',
          'title_prefix',
          'title_suffix',
          'employment_type',
          'grade',
          'gender',
          'position_title',
          'position_kind',
          'unit_id',
          'supervisor_id',
          'external_supervisor_id',
          'email',
          'active',
          'version',
          'created_at',
          'updated_at',
        ],
        ids.map((id) => [
          id,
          `198001012005${String(id).slice(-6)}`,
          `Pegawai Besar ${id}`,
          null,
          null,
          EmploymentType.PNS,
          'III/a',
          id % 2 ? Gender.FEMALE : Gender.MALE,
          'Pengadministrasi Umum',
          PositionKind.PELAKSANA,
          unit.rowId,
          null,
          null,
          null,
          true,
          1,
          now,
          now,
        ]),
        noop,
      );
      await insertRows(
        em,
        'appraisal',
        [
          'id',
          'employee_id',
          'period_id',
          'open_period_id',
          'status',
          'form',
          'approach',
          'start_date',
          'end_date',
          'position_title',
          'position_kind',
          'grade',
          'unit_id',
          'appraiser_employee_id',
          'appraiser_external_id',
          'appraiser_name',
          'appraiser_position_title',
          'appraiser_supervisor_employee_id',
          'appraiser_supervisor_external_id',
          'appraiser_supervisor_name',
          'appraiser_supervisor_position_title',
          'resource_support',
          'accountability_scheme',
          'consequences',
          'submitted_at',
          'approved_at',
          'approved_late',
          'closed_at',
          'version',
          'created_at',
          'updated_at',
        ],
        ids.map((id) => [
          id,
          id,
          period_,
          period_,
          AppraisalStatus.APPROVED,
          AppraisalForm.JA_JF,
          PlanApproach.QUANTITATIVE,
          '2027-01-01',
          '2027-12-31',
          'Pengadministrasi Umum',
          PositionKind.PELAKSANA,
          'III/a',
          unit.rowId,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          now,
          now,
          false,
          null,
          1,
          now,
          now,
        ]),
        noop,
      );
    }
  });

  return toGlobalId('Unit', unit.rowId);
}
