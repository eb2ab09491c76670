import { registerEnumType } from 'type-graphql';

/** Where a performance year stands. Changes go forward only (see `period-workflow.ts`). */
export enum PeriodStatus {
  PLANNING = 'PLANNING',
  RUNNING = 'RUNNING',
  EVALUATING = 'EVALUATING',
  CLOSED = 'CLOSED',
}

registerEnumType(PeriodStatus, {
  name: 'PeriodStatus',
  description: 'Where a performance year stands.',
  valuesConfig: {
    PLANNING: { description: 'Plans (SKP) are drafted and agreed (penyusunan SKP).' },
    RUNNING: { description: 'The year is under way: plans are followed and evaluated periodically (pelaksanaan).' },
    EVALUATING: { description: 'The year has ended: annual evaluation (penilaian akhir).' },
    CLOSED: { description: 'Closed: every change is refused (PERIOD_CLOSED).' },
  },
});

/** How often the periodic evaluation happens; the official form says quarterly, BKN exports monthly. */
export enum EvaluationCadence {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
}

registerEnumType(EvaluationCadence, {
  name: 'EvaluationCadence',
  description: 'How often the periodic evaluation happens (evaluasi periodik).',
  valuesConfig: {
    MONTHLY: { description: 'Every month (bulanan), as BKN’s e-Kinerja exports.' },
    QUARTERLY: { description: 'Every quarter (triwulan), as the official form says.' },
  },
});
