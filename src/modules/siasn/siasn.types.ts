import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/graphql/connection';
import { UserError } from '../../core/errors/user-error';
import { EvaluationKind } from '../evaluation/evaluation-enums';

/**
 * One delivered result as SIASN's periodic performance service takes it (`docs/siasn.md`): the fields from
 * `pnsDinilaiId` to `statusPenilai` are the body, named as SIASN names them; the others say which of our
 * evaluations it is and what SIASN already holds of it.
 */
@ObjectType('SiasnRecord', {
  description:
    'A delivered periodic or annual result in the body shape of SIASN’s periodic performance service (`docs/siasn.md`). ' +
    'Its fields from `pnsDinilaiId` to `statusPenilai` are the body; `recordId`, `version`, `siasnId`, `kind` and `nip` are ours.',
})
export class SiasnRecord {
  @Field(() => ID, { description: 'The evaluation’s global id: pass it to `markSiasnSynced`.' })
  recordId!: string;

  @Field(() => Int, { description: 'The evaluation’s version exported: pass it to `markSiasnSynced`.' })
  version!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'SIASN’s id of the record this one updates: the id given for an earlier version of this evaluation, or of the evaluation it ' +
      'replaces after an accepted objection. Null: a new record.',
  })
  siasnId!: string | null;

  @Field(() => EvaluationKind, { description: 'Periodic or annual.' })
  kind!: EvaluationKind;

  @Field(() => String, { description: 'The employee’s NIP, to match records without a SIASN person id.' })
  nip!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The employee’s SIASN person id (`Employee.siasnId`); null until imported: SIASN refuses the record without it.',
  })
  pnsDinilaiId!: string | null;

  @Field(() => Int, { description: 'The performance year.' })
  tahun!: number;

  @Field(() => Int, { description: 'First month covered (1–12).' })
  bulanMulaiPenilaian!: number;

  @Field(() => Int, { description: 'Last month covered (1–12).' })
  bulanSelesaiPenilaian!: number;

  @Field(() => Int, { description: 'Year of the first month covered.' })
  tahunMulaiPenilaian!: number;

  @Field(() => Int, { description: 'Year of the last month covered.' })
  tahunSelesaiPenilaian!: number;

  @Field(() => Int, {
    nullable: true,
    description: '1 monthly, 2 quarterly; null for an annual result (`docs/siasn.md`, Annual results).',
  })
  periodikId!: number | null;

  @Field(() => Int, { description: 'Result rating: 1 above expectation, 2 as expected, 3 below.' })
  hasilKinerjaNilai!: number;

  @Field(() => Int, { description: 'Behaviour rating: 1 above expectation, 2 as expected, 3 below.' })
  perilakuKerjaNilai!: number;

  @Field(() => Int, {
    description: 'The predikat: 1 Sangat Baik, 2 Baik, 3 Butuh Perbaikan, 4 Kurang/Misconduct, 5 Sangat Kurang.',
  })
  kuadranKinerjaNilai!: number;

  @Field(() => String, {
    nullable: true,
    description: 'For functional staff, the level (`AHLI_MUDA`, `TERAMPIL`, …) as on the plan; null otherwise.',
  })
  koefisienId!: string | null;

  @Field(() => Float, { nullable: true, description: 'The level’s annual coefficient (Ahli Muda 25); null otherwise.' })
  koefisien!: number | null;

  @Field(() => String, { nullable: true, description: 'The appraiser’s name as on the plan (snapshot).' })
  penilaiNama!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The appraiser’s NIP; null for an official outside the civil service.',
  })
  penilaiNipNrp!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The appraiser’s golongan/ruang now ("IV/a"); null for an external official.',
  })
  penilaiGolongan!: string | null;

  @Field(() => String, { nullable: true, description: 'The appraiser’s position as on the plan (snapshot).' })
  penilaiJabatanNama!: string | null;

  @Field(() => String, { nullable: true, description: 'The appraiser’s unit now; null for an external official.' })
  penilaiUnorNama!: string | null;

  @Field({ description: '"ASN", or "NON ASN" when an official outside the civil service (the Bupati) appraises.' })
  statusPenilai!: string;
}

export const SiasnRecordConnection = ConnectionType(
  SiasnRecord,
  'SiasnRecord',
  'Delivered results not yet in SIASN, or changed since they were sent, oldest evaluation first.',
);

@InputType({ description: 'One record SIASN accepted.' })
export class SiasnSyncedRecord {
  @Field(() => ID, { description: 'The record’s `recordId`.' })
  recordId!: string;

  @Field({ description: 'SIASN’s id of the record (1–64 letters, digits or hyphens).' })
  siasnId!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The record’s `version` that was sent; omitted: the current one. An older version leaves the record pending.',
  })
  version?: number | null;
}

@InputType({ description: 'Records SIASN accepted, at most 500.' })
export class MarkSiasnSyncedInput {
  @Field(() => [SiasnSyncedRecord], { description: 'The records, at most 500.' })
  records!: SiasnSyncedRecord[];
}

@ObjectType({ description: 'The result of `markSiasnSynced`.' })
export class MarkSiasnSyncedPayload {
  @Field(() => Int, { nullable: true, description: 'How many records are now marked (also those marked before).' })
  marked?: number;

  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}
