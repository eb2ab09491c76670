/** Where the documents are served; the router is mounted here and the GraphQL links point here. */
export const DOCUMENTS_PATH = '/documents';

/** The documents of a plan, by file name under `/documents/appraisals/<appraisal global id>/`. */
export enum DocumentFile {
  SKP_HTML = 'skp.html',
  SKP_PDF = 'skp.pdf',
  EVALUATION_HTML = 'evaluation.html',
  EVALUATION_PDF = 'evaluation.pdf',
}

/** The relative URL of one document of a plan. */
export function documentUrl(appraisalGlobalId: string, file: DocumentFile): string {
  return `${DOCUMENTS_PATH}/appraisals/${encodeURIComponent(appraisalGlobalId)}/${file}`;
}
