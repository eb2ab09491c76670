import { Field, InputType } from 'type-graphql';

/** Enumerations travel as strings in import rows, so that one bad value fails its row, not the whole call. */
@InputType({ description: 'One unit of an import, keyed by its code.' })
export class ImportUnitRow {
  @Field({ description: 'Unique unit code (the natural key).' })
  code!: string;

  @Field({ description: 'Name (without academic titles for employees).' })
  name!: string;

  @Field({ description: 'A UnitKind value, e.g. "HEALTH_CENTRE".' })
  kind!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Code of the parent unit (in the database or earlier in this call); null or empty: a root. Omitted: unchanged.',
  })
  parentCode?: string | null;
}

@InputType({
  description: 'One employee of an import, keyed by NIP. Omitted optional fields stay as stored; null clears them.',
})
export class ImportEmployeeRow {
  @Field({ description: 'NIP or NI PPPK (the natural key).' })
  nip!: string;

  @Field({ description: 'Name (without academic titles for employees).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Titles before the name (gelar depan), e.g. "dr.", "Ns.".' })
  titlePrefix?: string | null;

  @Field(() => String, { nullable: true, description: 'Titles after the name (gelar belakang), e.g. "S.Kep., Ns.".' })
  titleSuffix?: string | null;

  @Field({ description: '"PNS" or "PPPK".' })
  employmentType!: string;

  @Field({ description: 'Golongan/ruang ("III/b") for PNS, "I"…"XVII" for PPPK.' })
  grade!: string;

  @Field(() => String, { nullable: true, description: '"MALE" or "FEMALE"; read from the NIP for PNS.' })
  gender?: string | null;

  @Field({ description: 'Position title (nama jabatan), e.g. "Perawat Ahli Pertama".' })
  positionTitle!: string;

  @Field({ description: 'A PositionKind value, e.g. "FUNGSIONAL".' })
  positionKind!: string;

  @Field({ description: 'Code of the unit the employee works in.' })
  unitCode!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'NIP of the direct supervisor (in the database or in this call); null or empty: none. Omitted: unchanged.',
  })
  supervisorNip?: string | null;

  @Field(() => String, { nullable: true, description: 'Work email.' })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The person’s id in SIASN (`pnsDinilaiId`; CSV column `siasnId` or `pns_id`): letters, digits, hyphens, at most 64. Omitted: unchanged; null or empty clears it.',
  })
  siasnId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False deactivates the employee. Omitted: unchanged (new employees are active).',
  })
  active?: boolean | null;
}

@InputType({ description: 'Units to create or update, at most 150 (a whole file: `POST /imports/units.csv`).' })
export class ImportUnitsInput {
  @Field(() => [ImportUnitRow], { description: 'The rows, at most 150.' })
  rows!: ImportUnitRow[];
}

@InputType({ description: 'Employees to create or update, at most 150 (a whole file: `POST /imports/employees.csv`).' })
export class ImportEmployeesInput {
  @Field(() => [ImportEmployeeRow], { description: 'The rows, at most 150.' })
  rows!: ImportEmployeeRow[];
}
