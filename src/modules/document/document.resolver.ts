import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { Allow } from '../../core/policy/allow';
import { Permission } from '../../core/policy/permission';
import { Appraisal } from '../appraisal/appraisal.entity';
import { ANNUAL_SUB_PERIOD } from '../evaluation/evaluation.entity';
import { evaluationService } from '../evaluation/evaluation.service';
import { DocumentFile, documentUrl } from './document-links';
import { AppraisalDocuments } from './document.types';

/** The link per plan to its printable documents (served by `document.routes.ts`). */
@Resolver(() => Appraisal)
export class AppraisalDocumentsResolver {
  @Allow(Permission.READ_APPRAISAL)
  @FieldResolver(() => AppraisalDocuments, {
    nullable: true,
    description:
      'Links to the printable SKP and evaluation documents (PDF and HTML); null for whoever may not read the plan.',
  })
  async documents(@Ctx() ctx: RequestContext, @Root() appraisal: Appraisal): Promise<AppraisalDocuments> {
    const rated = (await evaluationService.of(ctx, appraisal)).some((e) => e.subPeriod === ANNUAL_SUB_PERIOD);
    const id = appraisal.id;
    return {
      skpHtml: documentUrl(id, DocumentFile.SKP_HTML),
      skpPdf: documentUrl(id, DocumentFile.SKP_PDF),
      evaluationHtml: rated ? documentUrl(id, DocumentFile.EVALUATION_HTML) : null,
      evaluationPdf: rated ? documentUrl(id, DocumentFile.EVALUATION_PDF) : null,
    };
  }
}
