import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  type TableColumnOptions,
  type TableForeignKeyOptions,
} from 'typeorm';
import { NATIONAL_COMPETENCIES } from './data/national-competencies';

const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const versioned = (): TableColumnOptions[] => [
  { name: 'version', type: 'integer' },
  { name: 'created_at', type: 'datetime' },
  { name: 'updated_at', type: 'datetime' },
];
const fk = (
  name: string,
  column: string,
  table: string,
  onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'RESTRICT',
): TableForeignKeyOptions => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
  onUpdate: 'NO ACTION',
});

/** Competency and talent: the dictionary (with the national standard), position requirements, assessments, development, potential. */
export class CompetencyAndTalent1764360000000 implements MigrationInterface {
  name = 'CompetencyAndTalent1764360000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'competency',
        columns: [
          id(),
          { name: 'code', type: 'varchar', length: '32' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'field', type: 'varchar', length: '100', isNullable: true },
          { name: 'description', type: 'text' },
          { name: 'levels', type: 'text' },
          { name: 'reference', type: 'boolean' },
          ...versioned(),
        ],
        indices: [{ name: 'IDX_competency_code', columnNames: ['code'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'position_requirement',
        columns: [
          id(),
          { name: 'unit_id', type: 'integer' },
          { name: 'position_title', type: 'varchar', length: '191' },
          { name: 'position_kind', type: 'varchar', length: '16' },
          { name: 'competency_id', type: 'integer' },
          { name: 'required_level', type: 'integer' },
          ...versioned(),
        ],
        indices: [
          {
            name: 'IDX_position_requirement_position',
            columnNames: ['unit_id', 'position_title', 'competency_id'],
            isUnique: true,
          },
          { name: 'IDX_position_requirement_competency', columnNames: ['competency_id'] },
        ],
        foreignKeys: [
          fk('FK_position_requirement_unit', 'unit_id', 'unit', 'CASCADE'),
          fk('FK_position_requirement_competency', 'competency_id', 'competency'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'competency_assessment',
        columns: [
          id(),
          { name: 'employee_id', type: 'integer' },
          { name: 'competency_id', type: 'integer' },
          { name: 'level', type: 'integer' },
          { name: 'method', type: 'varchar', length: '24' },
          { name: 'authority', type: 'integer' },
          { name: 'assessor_subject', type: 'varchar', length: '191' },
          { name: 'assessor_employee_id', type: 'integer', isNullable: true },
          { name: 'assessed_on', type: 'date' },
          { name: 'valid_until', type: 'date', isNullable: true },
          { name: 'evidence', type: 'text', isNullable: true },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [
          {
            name: 'IDX_competency_assessment_employee',
            columnNames: ['employee_id', 'competency_id', 'authority', 'assessed_on'],
          },
          { name: 'IDX_competency_assessment_competency', columnNames: ['competency_id'] },
        ],
        foreignKeys: [
          fk('FK_competency_assessment_employee', 'employee_id', 'employee', 'CASCADE'),
          fk('FK_competency_assessment_competency', 'competency_id', 'competency'),
          fk('FK_competency_assessment_assessor', 'assessor_employee_id', 'employee', 'SET NULL'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'development_suggestion',
        columns: [
          id(),
          { name: 'employee_id', type: 'integer' },
          { name: 'competency_id', type: 'integer', isNullable: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'description', type: 'varchar', length: '2000' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'due_date', type: 'date', isNullable: true },
          { name: 'author_subject', type: 'varchar', length: '191' },
          { name: 'author_employee_id', type: 'integer', isNullable: true },
          ...versioned(),
        ],
        indices: [{ name: 'IDX_development_suggestion_employee', columnNames: ['employee_id'] }],
        foreignKeys: [
          fk('FK_development_suggestion_employee', 'employee_id', 'employee', 'CASCADE'),
          fk('FK_development_suggestion_competency', 'competency_id', 'competency', 'SET NULL'),
          fk('FK_development_suggestion_author', 'author_employee_id', 'employee', 'SET NULL'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'potential_rating',
        columns: [
          id(),
          { name: 'employee_id', type: 'integer' },
          { name: 'period_id', type: 'integer' },
          { name: 'rating', type: 'varchar', length: '8' },
          { name: 'note', type: 'varchar', length: '2000', isNullable: true },
          { name: 'rater_subject', type: 'varchar', length: '191' },
          ...versioned(),
        ],
        indices: [
          { name: 'IDX_potential_rating_employee_period', columnNames: ['employee_id', 'period_id'], isUnique: true },
          { name: 'IDX_potential_rating_period', columnNames: ['period_id'] },
        ],
        foreignKeys: [
          fk('FK_potential_rating_employee', 'employee_id', 'employee', 'CASCADE'),
          fk('FK_potential_rating_period', 'period_id', 'performance_period'),
        ],
      }),
    );

    // The national standard as reference data: parameters, so nothing in the texts needs escaping.
    const now = new Date(Date.UTC(2026, 10, 28));
    const stamp = queryRunner.connection.driver.options.type === 'better-sqlite3' ? '2026-11-28 00:00:00' : now;
    for (const c of NATIONAL_COMPETENCIES) {
      await queryRunner.query(
        'INSERT INTO competency (code, name, type, field, description, levels, reference, version, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, 1, ?, ?)',
        [
          c.code,
          c.name,
          c.type,
          c.description,
          JSON.stringify(c.levels),
          queryRunner.connection.driver.options.type === 'better-sqlite3' ? 1 : true,
          stamp,
          stamp,
        ],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'potential_rating',
      'development_suggestion',
      'competency_assessment',
      'position_requirement',
      'competency',
    ])
      await queryRunner.dropTable(table);
  }
}
