import { type RequestContext } from '../../core/context/request-context';
import { idOfType } from '../../core/graphql/global-id';
import { Permission } from '../../core/policy/permission';
import { AuditAction } from '../audit/audit-action';
import { recordAudit } from '../audit/audit.service';
import { Employee } from '../employee/employee.entity';
import { employeeService } from '../employee/employee.service';
import { PERSONAL_DATA_SECTIONS } from './personal-data.sections';

/** The file's format name and version: a reader checks both before reading the sections. */
export const PERSONAL_DATA_FORMAT = 'kinerja-walesi/personal-data';
export const PERSONAL_DATA_VERSION = 1;

/** Where the caller's own file is served (the GraphQL `myData.url`). */
export const MY_DATA_PATH = '/exports/me.json';

/** What one file (or its section counts) costs from the caller's budget: it reads every record of a person. */
export const PERSONAL_DATA_COST = 1000;

/** Text gathered before one write to the response: fewer, larger writes; the drain wait keeps it bounded. */
const CHUNK = 64 * 1024;

/** Where the file goes: `write` resolves false once the reader has gone (then the writer stops reading). */
export interface TextSink {
  write(text: string): Promise<boolean>;
}

/** The caller's own record, or null for a client or a caller without one. */
export async function ownSubject(ctx: RequestContext): Promise<Employee | null> {
  const id = ctx.actor.employeeId;
  if (id === undefined) return null;
  const employee = await employeeService.get(ctx, id);
  return employee && (await ctx.policy.can(Permission.EXPORT_PERSONAL_DATA, employee)) ? employee : null;
}

/** A named employee whose file the caller may take (HR admins covering them), or null: out of scope reads as absent. */
export async function namedSubject(ctx: RequestContext, globalId: string): Promise<Employee | null> {
  const id = idOfType(globalId, Employee.typeName);
  const employee = id === null ? null : await employeeService.get(ctx, id);
  return employee && (await ctx.policy.can(Permission.EXPORT_PERSONAL_DATA, employee)) ? employee : null;
}

/** `data-pribadi-<NIP>-<date>.json`, the date in the region's time zone. */
export function personalDataFilename(ctx: RequestContext, subject: Employee): string {
  return `data-pribadi-${subject.nip}-${ctx.today()}.json`;
}

/**
 * Audits someone taking another person's file, committed before a byte of it is sent: a failed audit sends
 * nothing. A person's export of their own data is not audited: it discloses nothing to anyone else.
 */
export async function auditExport(ctx: RequestContext, subject: Employee, filename: string): Promise<void> {
  if (ctx.actor.employeeId === subject.rowId) return;
  await ctx.transaction((tx) =>
    recordAudit(tx, {
      action: AuditAction.PERSONAL_DATA_EXPORTED,
      entityType: Employee.typeName,
      entityId: subject.rowId,
      after: { file: filename, format: PERSONAL_DATA_FORMAT },
    }),
  );
}

/**
 * Writes the file: one JSON object whose sections are arrays written element by element, then `counts`. Stops
 * (returns false) as soon as the sink reports the reader gone.
 */
export async function writePersonalData(ctx: RequestContext, subject: Employee, sink: TextSink): Promise<boolean> {
  let buffer = '';
  const put = async (text: string): Promise<boolean> => {
    buffer += text;
    if (buffer.length < CHUNK) return true;
    const out = buffer;
    buffer = '';
    return sink.write(out);
  };
  const personal = await ctx.policy.can(Permission.READ_EMPLOYEE_PERSONAL, subject);
  const head = {
    format: PERSONAL_DATA_FORMAT,
    version: PERSONAL_DATA_VERSION,
    generatedAt: ctx.now().toISOString(),
    subject: { id: subject.id, name: subject.displayName, nip: personal ? subject.nip : null },
  };
  if (!(await put(JSON.stringify(head).slice(0, -1)))) return false;
  const counts: Record<string, number> = {};
  for (const section of PERSONAL_DATA_SECTIONS) {
    let count = 0;
    if (!(await put(`,\n${JSON.stringify(section.name)}:[`))) return false;
    for await (const row of section.rows(ctx, subject)) {
      if (!(await put(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`))) return false;
      count += 1;
    }
    counts[section.name] = count;
    if (!(await put(']'))) return false;
  }
  buffer += `,\n"counts":${JSON.stringify(counts)}}\n`;
  return sink.write(buffer);
}

/** How many elements each section of the caller's file has: the same reads as the file, counted instead of kept. */
export async function countSections(
  ctx: RequestContext,
  subject: Employee,
): Promise<Array<{ name: string; count: number }>> {
  const counts: Array<{ name: string; count: number }> = [];
  for (const section of PERSONAL_DATA_SECTIONS) {
    let count = 0;
    for await (const _row of section.rows(ctx, subject)) count += 1;
    counts.push({ name: section.name, count });
  }
  return counts;
}
