import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { toGlobalId } from '../../core/graphql/global-id';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Unit } from '../unit/unit.entity';
import { ExternalOfficial } from '../official/external-official.entity';
import { EmploymentType, Gender, PositionKind } from './employee-enums';

export const EMPLOYEE_TEXT_MAX = 191;
export const EMPLOYEE_TITLE_MAX = 64;
export const SIASN_ID_MAX = 64;

@Entity('employee')
@ObjectType('Employee', {
  implements: Node,
  description:
    'A civil servant (pegawai ASN). Directory fields are visible to every signed-in employee; personal fields ' +
    '(NIP, email, grade, gender) only to the person, everyone above them in the supervisor tree, and HR admins whose scope covers them: to others they read as null.',
})
export class Employee {
  static readonly typeName = 'Employee';

  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  rowId!: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId(Employee.typeName, this.rowId);
  }

  @Index('IDX_employee_nip', { unique: true })
  @Column({ type: 'varchar', length: 18 })
  @Allow(Permission.READ_EMPLOYEE_PERSONAL)
  @Field(() => String, { nullable: true, description: 'Employee number (NIP, or NI PPPK): 18 digits. Personal.' })
  nip!: string;

  @Index('IDX_employee_name')
  @Column({ type: 'varchar', length: EMPLOYEE_TEXT_MAX })
  @Field({ description: 'Name without academic titles (nama).' })
  name!: string;

  @Column({ name: 'title_prefix', type: 'varchar', length: EMPLOYEE_TITLE_MAX, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Academic or professional titles before the name (gelar depan), e.g. "dr.", "Ns.".',
  })
  titlePrefix!: string | null;

  @Column({ name: 'title_suffix', type: 'varchar', length: EMPLOYEE_TITLE_MAX, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Titles after the name (gelar belakang), e.g. "S.Kep.", "M.Kes.".',
  })
  titleSuffix!: string | null;

  @Field({ description: 'The name as written on official documents, with titles: "dr. Maria Wenda, M.Kes.".' })
  get displayName(): string {
    const core = this.titlePrefix ? `${this.titlePrefix} ${this.name}` : this.name;
    return this.titleSuffix ? `${core}, ${this.titleSuffix}` : core;
  }

  @Column({ name: 'employment_type', type: 'varchar', length: 8 })
  @Field(() => EmploymentType, { description: 'PNS or PPPK (jenis ASN).' })
  employmentType!: EmploymentType;

  @Column({ type: 'varchar', length: 8 })
  @Allow(Permission.READ_EMPLOYEE_PERSONAL)
  @Field(() => String, {
    nullable: true,
    description: 'Rank (golongan/ruang) for PNS, e.g. "III/b"; grade I to XVII for PPPK. Personal.',
  })
  grade!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  @Allow(Permission.READ_EMPLOYEE_PERSONAL)
  @Field(() => Gender, { nullable: true, description: 'Gender (from the NIP for PNS). Personal.' })
  gender!: Gender | null;

  @Column({ name: 'position_title', type: 'varchar', length: EMPLOYEE_TEXT_MAX })
  @Field({ description: 'Position title (nama jabatan), e.g. "Perawat Ahli Pertama".' })
  positionTitle!: string;

  @Column({ name: 'position_kind', type: 'varchar', length: 16 })
  @Field(() => PositionKind, { description: 'Kind of position (jenis jabatan).' })
  positionKind!: PositionKind;

  @Index('IDX_employee_unit')
  @Column({ name: 'unit_id', type: 'integer' })
  unitId!: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION', nullable: false })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_employee_unit' })
  unit?: Relation<Unit>;

  /** Direct supervisor (atasan langsung) in the tree; null for a top official. */
  @Index('IDX_employee_supervisor')
  @Column({ name: 'supervisor_id', type: 'integer', nullable: true })
  supervisorId!: number | null;

  @ManyToOne(() => Employee, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'supervisor_id', foreignKeyConstraintName: 'FK_employee_supervisor' })
  supervisor?: Relation<Employee> | null;

  /** A supervisor who is not a civil servant (the Bupati), for the top officials. Exclusive with `supervisorId`. */
  @Index('IDX_employee_external_supervisor')
  @Column({ name: 'external_supervisor_id', type: 'integer', nullable: true })
  externalSupervisorId!: number | null;

  @ManyToOne(() => ExternalOfficial, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'external_supervisor_id', foreignKeyConstraintName: 'FK_employee_external_supervisor' })
  externalSupervisor?: Relation<ExternalOfficial> | null;

  @Column({ type: 'varchar', length: EMPLOYEE_TEXT_MAX, nullable: true })
  @Allow(Permission.READ_EMPLOYEE_PERSONAL)
  @Field(() => String, { nullable: true, description: 'Work email. Personal.' })
  email!: string | null;

  @Column({ name: 'siasn_id', type: 'varchar', length: SIASN_ID_MAX, nullable: true })
  @Allow(Permission.READ_EMPLOYEE_PERSONAL)
  @Field(() => String, {
    nullable: true,
    description:
      'The person’s id in SIASN, BKN’s national system (`pnsDinilaiId` in its performance records), set by import. Personal.',
  })
  siasnId!: string | null;

  @Column({ type: 'boolean' })
  @Field({ description: 'False once deactivated (retired, moved out of the region): cannot sign in.' })
  active!: boolean;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update.' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  @Field(() => Date, { description: 'When the employee was recorded (UTC).' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  @Field(() => Date, { description: 'When the record last changed (UTC).' })
  updatedAt!: Date;
}
