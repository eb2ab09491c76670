import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Links to the printable documents of a plan, as HR offices file them: relative URLs on this server, fetched with the same ' +
    '`Authorization: Bearer` header as GraphQL; each answers 404 to whoever may not read the plan.',
})
export class AppraisalDocuments {
  @Field({ description: 'The plan (Sasaran Kinerja Pegawai, SKP) as a printable A4 HTML page.' })
  skpHtml!: string;

  @Field({ description: 'The plan (SKP) as a PDF.' })
  skpPdf!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The annual evaluation (dokumen evaluasi kinerja pegawai) as a printable A4 HTML page; null until the appraiser rates the year.',
  })
  evaluationHtml!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The annual evaluation as a PDF; null until the appraiser rates the year.',
  })
  evaluationPdf!: string | null;
}
