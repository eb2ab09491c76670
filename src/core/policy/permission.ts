/**
 * Everything a caller can be allowed to do. Each value has exactly one rule in the policy table
 * (`src/app/policy-table.ts`); every GraphQL operation and every guarded field names one with `@Allow`.
 */
export enum Permission {
  /** Explicitly public: reachable without a token (server info only). */
  PUBLIC = 'PUBLIC',
  /** Any signed-in principal: a person or a client. */
  SIGNED_IN = 'SIGNED_IN',
  /** The organisation's structure: units and their tree. */
  READ_UNITS = 'READ_UNITS',
  /** Directory fields of employees (name, position, unit, supervisor). */
  READ_DIRECTORY = 'READ_DIRECTORY',
  /** Personal fields of one employee (NIP, email, grade, gender). Subject: the employee. */
  READ_EMPLOYEE_PERSONAL = 'READ_EMPLOYEE_PERSONAL',
  /** HR administration mutations as a whole (each change is further checked with ADMINISTER_UNIT/REGION). */
  MANAGE_ORGANISATION = 'MANAGE_ORGANISATION',
  /** HR administration of what lies in one unit: the HR admin's scope covers it. Subject: the unit id. */
  ADMINISTER_UNIT = 'ADMINISTER_UNIT',
  /** Region-wide HR administration: root units, external officials. */
  ADMINISTER_REGION = 'ADMINISTER_REGION',
  /** Bulk import of units and employees from the national HR system's export. */
  IMPORT_ORGANISATION = 'IMPORT_ORGANISATION',
  /** One imported row may land in this unit. Subject: the unit id, or null for a new root unit. */
  IMPORT_INTO_UNIT = 'IMPORT_INTO_UNIT',
  /** A plan (SKP) and its history. Subject: the appraisal. */
  READ_APPRAISAL = 'READ_APPRAISAL',
  /** Draft and revise the plan's content. Subject: the appraisal (the employee whose plan it is). */
  EDIT_PLAN = 'EDIT_PLAN',
  /** Approve, return or reopen a plan and write behaviour expectations. Subject: the appraisal (its appraiser). */
  DECIDE_PLAN = 'DECIDE_PLAN',
  /** HR administration of plans: bulk creation, reassigning the appraiser, transfers. Subject: the appraisal. */
  MANAGE_APPRAISAL = 'MANAGE_APPRAISAL',
  /** An RHK and its indicators. Subject: the RHK's appraisal (plan readers, and everyone below its owner). */
  READ_WORK_PLAN = 'READ_WORK_PLAN',
  /** A daily activity entry. Subject: the entry. */
  READ_ACTIVITY = 'READ_ACTIVITY',
  /** Acknowledge or return a daily activity entry. Subject: the entry (its reviewer). */
  REVIEW_ACTIVITY = 'REVIEW_ACTIVITY',
  /** A piece of feedback. Subject: the feedback (recipient, author, readers of the recipient's plan). */
  READ_FEEDBACK = 'READ_FEEDBACK',
  /** Decide an objection to a final rating. Subject: the appraisal (the appraiser's supervisor of the snapshot). */
  DECIDE_OBJECTION = 'DECIDE_OBJECTION',
  /** An employee's competency profile: assessments, gaps, development. Subject: the employee (self, above, HR in scope). */
  READ_COMPETENCY_PROFILE = 'READ_COMPETENCY_PROFILE',
  /** Assess as supervisor, suggest development, rate potential. Subject: the employee (everyone above, HR in scope). */
  DEVELOP_EMPLOYEE = 'DEVELOP_EMPLOYEE',
  /** An employee's place on the talent matrix. Subject: the employee (above, HR in scope; self when configured). */
  READ_TALENT = 'READ_TALENT',
  /** Competency gaps and talent counts aggregated over a unit subtree. Subject: the unit id (HR in scope, analysts, heads above). */
  READ_UNIT_AGGREGATES = 'READ_UNIT_AGGREGATES',
  /** Everything held about one employee as one file (Law 27/2022). Subject: the employee (self, HR admins covering them). */
  EXPORT_PERSONAL_DATA = 'EXPORT_PERSONAL_DATA',
  /** The changes feed (the outbox's domain events): integration clients, HR admins (rows in their scope). */
  READ_CHANGES = 'READ_CHANGES',
  /** Who changed a record, and when (`auditTrail`). Subject: the record's owner (the person; HR admins covering its unit). */
  READ_AUDIT_TRAIL = 'READ_AUDIT_TRAIL',
  /** Register webhook endpoints and read their deliveries (HR admins, integration clients); each endpoint is then scoped. */
  MANAGE_WEBHOOKS = 'MANAGE_WEBHOOKS',
}
