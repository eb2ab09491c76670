import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { addDays, lastDayOfMonth, localDate, type LocalDate } from '../../core/time/local-date';
import { EvaluationCadence } from './period-enums';

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const QUARTERS = ['I', 'II', 'III', 'IV'];

@ObjectType({
  description: 'A month or quarter of a performance year, the unit of periodic evaluation; derived from the cadence.',
})
export class SubPeriod {
  @Field(() => Int, { description: 'Position in the year, from 1.' })
  index!: number;

  @Field({ description: 'Name as on the forms, e.g. "Januari 2026" or "Triwulan I 2026".' })
  label!: string;

  @Field(() => LocalDateResolver, { description: 'First day.' })
  startDate!: LocalDate;

  @Field(() => LocalDateResolver, { description: 'Last day.' })
  endDate!: LocalDate;

  @Field(() => LocalDateResolver, { description: 'The day its periodic evaluation is due.' })
  evaluationDueDate!: LocalDate;
}

/** The months or quarters of a year, with the day each one's evaluation is due. */
export function deriveSubPeriods(year: number, cadence: EvaluationCadence, evaluationDays: number): SubPeriod[] {
  const monthsPer = cadence === EvaluationCadence.MONTHLY ? 1 : 3;
  const result: SubPeriod[] = [];
  for (let i = 0; i < 12 / monthsPer; i++) {
    const firstMonth = i * monthsPer + 1;
    const endDate = lastDayOfMonth(year, firstMonth + monthsPer - 1);
    result.push({
      index: i + 1,
      label: cadence === EvaluationCadence.MONTHLY ? `${MONTHS[i]} ${year}` : `Triwulan ${QUARTERS[i]} ${year}`,
      startDate: localDate(year, firstMonth, 1),
      endDate,
      evaluationDueDate: addDays(endDate, evaluationDays),
    });
  }
  return result;
}
