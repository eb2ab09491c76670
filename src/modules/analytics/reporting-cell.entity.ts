import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One class of a closed year's plans (unit, position kind, grade) and the reporting cell it was published in. */
@Entity('analytics_reporting_cell')
export class ReportingCellRow {
  @PrimaryColumn({ name: 'period_id', type: 'integer' })
  periodId!: number;

  @PrimaryColumn({ name: 'unit_id', type: 'integer' })
  unitId!: number;

  @PrimaryColumn({ name: 'position_kind', type: 'varchar', length: 16 })
  positionKind!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  grade!: string;

  /** The cell's number within its year. */
  @Column({ type: 'integer' })
  cell!: number;

  @Column({ name: 'anchor_unit_id', type: 'integer' })
  anchorUnitId!: number;

  @Column({ name: 'kind_label', type: 'varchar', length: 16 })
  kindLabel!: string;

  @Column({ type: 'varchar', length: 16 })
  golongan!: string;

  /** Plans in the whole cell. */
  @Column({ type: 'integer' })
  plans!: number;
}
