import { type RequestContext } from '../../core/context/request-context';
import { type Employee } from '../employee/employee.entity';
import { employeeService } from '../employee/employee.service';
import { externalOfficialService } from '../official/external-official.service';

/** Who appraises a plan and who stands above the appraiser, frozen when the plan is made (`docs/domain.md`). */
export interface AppraiserSnapshot {
  appraiserEmployeeId: number | null;
  appraiserExternalId: number | null;
  appraiserName: string | null;
  appraiserPositionTitle: string | null;
  appraiserSupervisorEmployeeId: number | null;
  appraiserSupervisorExternalId: number | null;
  appraiserSupervisorName: string | null;
  appraiserSupervisorPositionTitle: string | null;
}

export interface Superior {
  employeeId: number | null;
  externalId: number | null;
}

async function describe(
  ctx: RequestContext,
  who: Superior,
): Promise<{ name: string | null; title: string | null; superior: Superior }> {
  if (who.employeeId !== null) {
    const e = await employeeService.get(ctx, who.employeeId);
    if (e)
      return {
        name: e.displayName,
        title: e.positionTitle,
        superior: { employeeId: e.supervisorId, externalId: e.externalSupervisorId },
      };
  }
  if (who.externalId !== null) {
    const o = await externalOfficialService.get(ctx, who.externalId);
    if (o) return { name: o.name, title: o.positionTitle, superior: { employeeId: null, externalId: null } };
  }
  return { name: null, title: null, superior: { employeeId: null, externalId: null } };
}

/** The snapshot for an appraiser (an employee, an external official, or nobody) and the one above them. */
export async function snapshotForAppraiser(ctx: RequestContext, appraiser: Superior): Promise<AppraiserSnapshot> {
  const first = await describe(ctx, appraiser);
  const second = await describe(ctx, first.superior);
  return {
    appraiserEmployeeId: first.name === null ? null : appraiser.employeeId,
    appraiserExternalId: first.name === null || appraiser.employeeId !== null ? null : appraiser.externalId,
    appraiserName: first.name,
    appraiserPositionTitle: first.title,
    appraiserSupervisorEmployeeId: second.name === null ? null : first.superior.employeeId,
    appraiserSupervisorExternalId:
      second.name === null || first.superior.employeeId !== null ? null : first.superior.externalId,
    appraiserSupervisorName: second.name,
    appraiserSupervisorPositionTitle: second.title,
  };
}

/** The snapshot for an employee's plan: their direct supervisor appraises (`docs/domain.md`, who appraises whom). */
export function snapshotFor(ctx: RequestContext, employee: Employee): Promise<AppraiserSnapshot> {
  return snapshotForAppraiser(ctx, { employeeId: employee.supervisorId, externalId: employee.externalSupervisorId });
}
