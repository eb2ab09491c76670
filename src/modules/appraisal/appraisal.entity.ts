import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { type LocalDate } from '../../core/time/local-date';
import { Employee } from '../employee/employee.entity';
import { PositionKind } from '../employee/employee-enums';
import { ExternalOfficial } from '../official/external-official.entity';
import { PerformancePeriod } from '../period/performance-period.entity';
import { Unit } from '../unit/unit.entity';
import { AppraisalForm, AppraisalStatus, PlanApproach } from './appraisal-enums';

export const ANNEX_TEXT_MAX = 4000;

@Entity('appraisal')
@Index('IDX_appraisal_open', ['employeeId', 'openPeriodId'], { unique: true })
@Index('IDX_appraisal_period_status', ['periodId', 'status'])
@ObjectType('Appraisal', {
  implements: Node,
  description:
    'A civil servant’s performance plan and its evaluation for a period (Sasaran Kinerja Pegawai, SKP). The appraiser, ' +
    'the appraiser’s supervisor, the position, unit and grade are snapshots taken when the plan was created: a later ' +
    'move in the tree does not rewrite it. Read by the employee, everyone above them, the appraisers and HR admins in scope.',
})
export class Appraisal {
  static readonly typeName = 'Appraisal';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(Appraisal.typeName, this.rowId);
  }

  @Index('IDX_appraisal_employee')
  @Column({ name: 'employee_id', type: 'integer' })
  employeeId!: number;

  @ManyToOne(() => Employee, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'employee_id', foreignKeyConstraintName: 'FK_appraisal_employee' })
  employee?: Relation<Employee>;

  @Column({ name: 'period_id', type: 'integer' })
  periodId!: number;

  @ManyToOne(() => PerformancePeriod, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'period_id', foreignKeyConstraintName: 'FK_appraisal_period' })
  period?: Relation<PerformancePeriod>;

  /** The period id while the plan is open, null once closed: one open plan per employee and period (unique index). */
  @Column({ name: 'open_period_id', type: 'integer', nullable: true })
  openPeriodId!: number | null;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => AppraisalStatus, { description: 'Where the plan stands in its workflow.' })
  status!: AppraisalStatus;

  @Column({ type: 'varchar', length: 8 })
  @Field(() => AppraisalForm, { description: 'The SKP form that applies (from the position kind).' })
  form!: AppraisalForm;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => PlanApproach, { description: 'Quantitative or qualitative indicators (pendekatan).' })
  approach!: PlanApproach;

  @Column({ name: 'start_date', type: 'date' })
  @Field(() => LocalDateResolver, { description: 'First day the plan covers (1 January, or the day of a transfer).' })
  startDate!: LocalDate;

  @Column({ name: 'end_date', type: 'date' })
  @Field(() => LocalDateResolver, {
    description: 'Last day the plan covers (31 December, or the day before a transfer).',
  })
  endDate!: LocalDate;

  @Column({ name: 'position_title', type: 'varchar', length: 191 })
  @Field({ description: 'Position title when the plan was made (snapshot).' })
  positionTitle!: string;

  @Column({ name: 'position_kind', type: 'varchar', length: 16 })
  @Field(() => PositionKind, { description: 'Position kind when the plan was made (snapshot).' })
  positionKind!: PositionKind;

  @Column({ type: 'varchar', length: 8 })
  @Field({ description: 'Grade (golongan/ruang) when the plan was made (snapshot).' })
  grade!: string;

  @Index('IDX_appraisal_unit')
  @Column({ name: 'unit_id', type: 'integer' })
  unitId!: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_appraisal_unit' })
  unit?: Relation<Unit>;

  @Index('IDX_appraisal_appraiser')
  @Column({ name: 'appraiser_employee_id', type: 'integer', nullable: true })
  appraiserEmployeeId!: number | null;

  @ManyToOne(() => Employee, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'appraiser_employee_id', foreignKeyConstraintName: 'FK_appraisal_appraiser' })
  appraiserEmployee?: Relation<Employee> | null;

  @Column({ name: 'appraiser_external_id', type: 'integer', nullable: true })
  appraiserExternalId!: number | null;

  @ManyToOne(() => ExternalOfficial, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'appraiser_external_id', foreignKeyConstraintName: 'FK_appraisal_appraiser_external' })
  appraiserExternal?: Relation<ExternalOfficial> | null;

  @Column({ name: 'appraiser_name', type: 'varchar', length: 191, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Name of the appraiser (pejabat penilai kinerja) as on the form (snapshot).',
  })
  appraiserName!: string | null;

  @Column({ name: 'appraiser_position_title', type: 'varchar', length: 191, nullable: true })
  @Field(() => String, { nullable: true, description: 'Position of the appraiser as on the form (snapshot).' })
  appraiserPositionTitle!: string | null;

  @Column({ name: 'appraiser_supervisor_employee_id', type: 'integer', nullable: true })
  appraiserSupervisorEmployeeId!: number | null;

  @ManyToOne(() => Employee, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({
    name: 'appraiser_supervisor_employee_id',
    foreignKeyConstraintName: 'FK_appraisal_appraiser_supervisor',
  })
  appraiserSupervisorEmployee?: Relation<Employee> | null;

  @Column({ name: 'appraiser_supervisor_external_id', type: 'integer', nullable: true })
  appraiserSupervisorExternalId!: number | null;

  @ManyToOne(() => ExternalOfficial, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({
    name: 'appraiser_supervisor_external_id',
    foreignKeyConstraintName: 'FK_appraisal_appraiser_supervisor_external',
  })
  appraiserSupervisorExternal?: Relation<ExternalOfficial> | null;

  @Column({ name: 'appraiser_supervisor_name', type: 'varchar', length: 191, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Name of the appraiser’s supervisor (atasan pejabat penilai kinerja) (snapshot).',
  })
  appraiserSupervisorName!: string | null;

  @Column({ name: 'appraiser_supervisor_position_title', type: 'varchar', length: 191, nullable: true })
  @Field(() => String, { nullable: true, description: 'Position of the appraiser’s supervisor (snapshot).' })
  appraiserSupervisorPositionTitle!: string | null;

  @Column({ name: 'resource_support', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Annex: resource support (dukungan sumber daya).' })
  resourceSupport!: string | null;

  @Column({ name: 'accountability_scheme', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Annex: accountability scheme (skema pertanggungjawaban).' })
  accountabilityScheme!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Annex: consequences (konsekuensi).' })
  consequences!: string | null;

  @Column({ name: 'submitted_at', type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was last submitted (UTC).' })
  submittedAt!: Date | null;

  @Column({ name: 'approved_at', type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was last approved (UTC).' })
  approvedAt!: Date | null;

  @Column({ name: 'approved_late', type: 'boolean' })
  @Field({ description: 'Approved after the period’s planning deadline (31 January by default, region time).' })
  approvedLate!: boolean;

  @Column({ name: 'delivered_at', type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the final rating was delivered to the employee (UTC); the objection window runs from this day.',
  })
  deliveredAt!: Date | null;

  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was closed (UTC), e.g. by a transfer.' })
  closedAt!: Date | null;

  @Column({ type: 'integer' })
  @Field(() => Int, {
    description: 'Increases with every change to the plan or its content; pass it as `expectedVersion`.',
  })
  version!: number;

  /** Bumped with every change to the plan's realizations and the feedback on them (`changePlanProgress`); not exposed. */
  @Column({ name: 'progress_version', type: 'integer', default: 0 })
  progressVersion!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When the plan was created (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When the plan last changed (UTC).' })
  updatedAt!: Date;
}
