import { Arg, Args, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../core/context/request-context';
import { ConnectionArgs, emptyPage } from '../../core/graphql/connection';
import { idOfType } from '../../core/graphql/global-id';
import { Employee } from '../employee/employee.entity';
import { Viewer } from '../viewer/viewer.types';
import { Appraisal } from './appraisal.entity';
import { appraisalService } from './appraisal.service';
import { AppraisalConnection } from './appraisal.types';

const PERIOD = { nullable: true, description: 'A period; default the current one.' } as const;
const periodIdOf = (id: string | null | undefined) => (id == null ? null : (idOfType(id, 'PerformancePeriod') ?? -1));

/** Plans reached from an employee: the same read policy, batched across a list of employees. */
@Resolver(() => Employee)
export class EmployeeAppraisalsResolver {
  @FieldResolver(() => Appraisal, {
    nullable: true,
    description: 'The employee’s open plan (SKP) in a period, if you may read it.',
  })
  currentAppraisal(
    @Ctx() ctx: RequestContext,
    @Root() employee: Employee,
    @Arg('periodId', () => ID, PERIOD) periodId?: string | null,
  ): Appraisal | null | Promise<Appraisal | null> {
    return appraisalService.openPlanOf(ctx, employee.rowId, periodIdOf(periodId));
  }

  @FieldResolver(() => AppraisalConnection, {
    description: 'The employee’s plans you may read, newest first (closed ones included).',
  })
  async appraisals(
    @Ctx() ctx: RequestContext,
    @Root() employee: Employee,
    @Args() args: ConnectionArgs,
    @Arg('periodId', () => ID, { nullable: true, description: 'Only this period.' }) periodId?: string | null,
  ): Promise<AppraisalConnection> {
    return AppraisalConnection.from(await appraisalService.ofEmployee(ctx, employee.rowId, periodIdOf(periodId), args));
  }
}

/** The caller's own plans. */
@Resolver(() => Viewer)
export class ViewerAppraisalsResolver {
  @FieldResolver(() => Appraisal, { nullable: true, description: 'Your open plan (SKP) in a period.' })
  currentAppraisal(
    @Ctx() ctx: RequestContext,
    @Root() viewer: Viewer,
    @Arg('periodId', () => ID, PERIOD) periodId?: string | null,
  ): Appraisal | null | Promise<Appraisal | null> {
    const id = viewer.actor.employeeId;
    return id === undefined ? null : appraisalService.openPlanOf(ctx, id, periodIdOf(periodId));
  }

  @FieldResolver(() => AppraisalConnection, { description: 'Your plans, newest first (closed ones included).' })
  async appraisals(
    @Ctx() ctx: RequestContext,
    @Root() viewer: Viewer,
    @Args() args: ConnectionArgs,
    @Arg('periodId', () => ID, { nullable: true, description: 'Only this period.' }) periodId?: string | null,
  ): Promise<AppraisalConnection> {
    const id = viewer.actor.employeeId;
    return AppraisalConnection.from(
      id === undefined
        ? emptyPage<Appraisal>()
        : await appraisalService.ofEmployee(ctx, id, periodIdOf(periodId), args),
    );
  }
}
