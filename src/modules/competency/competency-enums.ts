import { registerEnumType } from 'type-graphql';

export enum CompetencyType {
  MANAGERIAL = 'MANAGERIAL',
  SOCIO_CULTURAL = 'SOCIO_CULTURAL',
  TECHNICAL = 'TECHNICAL',
}

/** How a level was assessed, from the least to the most authoritative. */
export enum AssessmentMethod {
  SELF = 'SELF',
  SUPERVISOR = 'SUPERVISOR',
  TEST = 'TEST',
  ASSESSMENT_CENTRE = 'ASSESSMENT_CENTRE',
}

/** The current level comes from the most authoritative valid assessment, then the latest (`docs/domain.md`). */
export const METHOD_AUTHORITY: Record<AssessmentMethod, number> = {
  [AssessmentMethod.SELF]: 1,
  [AssessmentMethod.SUPERVISOR]: 2,
  [AssessmentMethod.TEST]: 3,
  [AssessmentMethod.ASSESSMENT_CENTRE]: 4,
};

export enum DevelopmentKind {
  TRAINING = 'TRAINING',
  MENTORING = 'MENTORING',
  ASSIGNMENT = 'ASSIGNMENT',
}

export enum DevelopmentStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

/** Where a suggestion may go from each status: planned and under way move either way; done and cancelled are final. */
export const DEVELOPMENT_TRANSITIONS: Readonly<Record<DevelopmentStatus, readonly DevelopmentStatus[]>> = {
  [DevelopmentStatus.PLANNED]: [
    DevelopmentStatus.PLANNED,
    DevelopmentStatus.IN_PROGRESS,
    DevelopmentStatus.DONE,
    DevelopmentStatus.CANCELLED,
  ],
  [DevelopmentStatus.IN_PROGRESS]: [
    DevelopmentStatus.PLANNED,
    DevelopmentStatus.IN_PROGRESS,
    DevelopmentStatus.DONE,
    DevelopmentStatus.CANCELLED,
  ],
  [DevelopmentStatus.DONE]: [],
  [DevelopmentStatus.CANCELLED]: [],
};

export enum PotentialLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}

export enum PerformanceLevel {
  BELOW = 'BELOW',
  MEETS = 'MEETS',
  ABOVE = 'ABOVE',
}

/** Job-person match bands (`docs/domain.md`): ≥ 80%, 68% to < 80%, < 68%. */
export enum JobMatchBand {
  MEETS = 'MEETS',
  STILL_MEETS = 'STILL_MEETS',
  BELOW = 'BELOW',
}

registerEnumType(CompetencyType, {
  name: 'CompetencyType',
  description: 'Kinds of competency in the national ASN standard.',
  valuesConfig: {
    MANAGERIAL: { description: 'Managerial (manajerial): the eight of the national standard.' },
    SOCIO_CULTURAL: { description: 'Socio-cultural (sosial kultural): perekat bangsa.' },
    TECHNICAL: { description: 'Technical (teknis): per field, added by HR.' },
  },
});
registerEnumType(AssessmentMethod, {
  name: 'AssessmentMethod',
  description: 'How a competency level was assessed; the current level comes from the most authoritative valid one.',
  valuesConfig: {
    SELF: { description: 'Self-assessment by the employee (least authoritative).' },
    SUPERVISOR: { description: 'Assessment by someone above the employee in the tree.' },
    TEST: { description: 'A competency test, recorded by HR.' },
    ASSESSMENT_CENTRE: { description: 'An assessment centre, recorded by HR (most authoritative).' },
  },
});
registerEnumType(DevelopmentKind, {
  name: 'DevelopmentKind',
  description: 'Kinds of development suggestion.',
  valuesConfig: {
    TRAINING: { description: 'Training (pelatihan, diklat).' },
    MENTORING: { description: 'Mentoring or coaching.' },
    ASSIGNMENT: { description: 'A work assignment that builds the competency.' },
  },
});
registerEnumType(DevelopmentStatus, {
  name: 'DevelopmentStatus',
  description: 'Where a development suggestion stands.',
  valuesConfig: {
    PLANNED: { description: 'Planned.' },
    IN_PROGRESS: { description: 'Under way.' },
    DONE: { description: 'Completed.' },
    CANCELLED: { description: 'Dropped.' },
  },
});
registerEnumType(PotentialLevel, {
  name: 'PotentialLevel',
  description: 'Potential on the talent matrix, and the supervisor’s potential rating.',
  valuesConfig: {
    LOW: { description: 'Low (rendah).' },
    MEDIUM: { description: 'Medium (menengah).' },
    HIGH: { description: 'High (tinggi).' },
  },
});
registerEnumType(PerformanceLevel, {
  name: 'PerformanceLevel',
  description: 'Performance on the talent matrix, from the year’s result rating.',
  valuesConfig: {
    BELOW: { description: 'Below expectation (DI_BAWAH_EKSPEKTASI).' },
    MEETS: { description: 'As expected (SESUAI_EKSPEKTASI).' },
    ABOVE: { description: 'Above expectation (DI_ATAS_EKSPEKTASI).' },
  },
});
registerEnumType(JobMatchBand, {
  name: 'JobMatchBand',
  description: 'Job-person match band.',
  valuesConfig: {
    MEETS: { description: 'At least 80%: memenuhi syarat.' },
    STILL_MEETS: { description: '68% to under 80%: masih memenuhi syarat.' },
    BELOW: { description: 'Under 68%: kurang memenuhi syarat.' },
  },
});
