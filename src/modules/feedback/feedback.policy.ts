import { type Actor } from '../../core/auth/actor';
import { type PolicyRule } from '../../core/policy/policy';
import { Permission } from '../../core/policy/permission';
import { appraisalById } from '../appraisal/appraisal.loaders';
import { employeeById } from '../employee/employee.loaders';
import { type Feedback } from './feedback.entity';
import { unitInHrScope } from '../unit/unit.facts';
import { actorIsAbove } from '../employee/employee.facts';

export interface FeedbackRelation {
  isRecipient: boolean;
  isAuthor: boolean;
  /** The caller reads the recipient's plan the feedback belongs to (or, without a plan, stands above them or covers them as HR). */
  readsContext: boolean;
}

/** The employee it is addressed to, its author, and those who read the employee's plan (not peers). */
export function decideReadFeedback({ relation }: { actor: Actor; relation: FeedbackRelation }): boolean {
  return relation.isRecipient || relation.isAuthor || relation.readsContext;
}

export const feedbackRules = {
  readFeedback: {
    description: 'The recipient, the author, and those who read the recipient’s plan.',
    subject: 'the feedback',
    // At once for the recipient and the author (a supervisor reading the feedback they gave): no promise per item.
    evaluate: (ctx, subject) => {
      const me = ctx.actor.employeeId;
      const isRecipient = me !== undefined && me === subject.recipientEmployeeId;
      const isAuthor = me !== undefined && me === subject.authorEmployeeId;
      if (isRecipient || isAuthor)
        return decideReadFeedback({ actor: ctx.actor, relation: { isRecipient, isAuthor, readsContext: false } });
      return (async () => {
        let readsContext: boolean;
        if (subject.appraisalId !== null) {
          const plan = await ctx.loaders.get(appraisalById).load(subject.appraisalId);
          readsContext = plan !== null && (await ctx.policy.can(Permission.READ_APPRAISAL, plan));
        } else {
          const recipient = await ctx.loaders.get(employeeById).load(subject.recipientEmployeeId);
          readsContext =
            (me !== undefined && (await ctx.loaders.get(actorIsAbove).load(subject.recipientEmployeeId))) ||
            (ctx.actor.isHrAdmin &&
              recipient !== null &&
              (await ctx.loaders.get(unitInHrScope).load(recipient.unitId)));
        }
        return decideReadFeedback({ actor: ctx.actor, relation: { isRecipient, isAuthor, readsContext } });
      })();
    },
  } satisfies PolicyRule<Feedback>,
};
