/**
 * The user-visible texts of the analytics query and its file exports, in one place so that a message catalogue
 * (translations) can take them over without a hunt through the routes.
 */
export const analyticsMessages = {
  unitChoice: 'Give the unit either by `unitId` (a global id) or by `unitCode`, exactly one of them.',
  periodChoice: 'Give the period either by `periodId` (a global id) or by `year`, exactly one of them.',
  year: '`year` is a whole number such as 2027.',
  includeSubunits: '`includeSubunits` is true or false.',
  breakdown: '`breakdown` is UNIT, POSITION_KIND or GRADE.',
  format: '`format` is csv or xlsx, and agrees with the file name’s extension when both are given.',
  separator: '`separator` is comma or semicolon (CSV only).',
  bom: '`bom` is true or false (CSV only).',
  unknownExport:
    'Exports: distribution, completion, achievement and responsiveness, each as .csv or .xlsx (`format=`).',
  noAnalytics: 'No such unit or period that you may see analytics of.',
  noResults: 'No such unit or period that you may see results of.',
  aggregatesOnly: 'Analysts get aggregates only: use the analytics exports.',
  yearRange: 'Ask for a range of at most ten years, from before to.',
} as const;
