import { isEmail } from 'class-validator';
import { type UserErrorList } from '../../core/errors/user-error';
import { optionalText, requiredText } from '../../core/validation/text';
import { EMPLOYEE_TEXT_MAX, EMPLOYEE_TITLE_MAX, SIASN_ID_MAX } from './employee.entity';
import { EmploymentType, type Gender, type PositionKind } from './employee-enums';
import { employeeError, EmployeeProblem, nipError } from './employee.errors';
import { isValidGrade } from './grade';
import { genderFromNip, nipProblems } from './nip';

/** SIASN's ids are opaque to us: letters, digits and hyphens (a UUID fits), at most the column's length. */
const SIASN_ID = new RegExp(`^[A-Za-z0-9-]{1,${SIASN_ID_MAX}}$`);

/** The fields of an employee record that HR types in, before validation. */
export interface EmployeeDraft {
  nip: string;
  name: string;
  titlePrefix?: string | null;
  titleSuffix?: string | null;
  employmentType: EmploymentType;
  grade: string;
  gender?: Gender | null;
  positionTitle: string;
  positionKind: PositionKind;
  email?: string | null;
  /** SIASN's person id; undefined leaves it as stored (only the import sets it). */
  siasnId?: string | null;
}

/** The same fields, validated and normalised, ready to store. */
export interface EmployeeValues {
  nip: string;
  name: string;
  titlePrefix: string | null;
  titleSuffix: string | null;
  employmentType: EmploymentType;
  grade: string;
  gender: Gender | null;
  positionTitle: string;
  positionKind: PositionKind;
  email: string | null;
  /** Undefined: not given, left as stored. */
  siasnId?: string | null;
}

/**
 * Validates a whole record (a new one, or the stored one with changes applied), recording every problem on
 * `errors` under `path(field)`. Returns the values only when all of them are valid.
 */
export function validateEmployeeDraft(
  errors: UserErrorList,
  draft: EmployeeDraft,
  path: (field: string) => string[],
  today = new Date(),
): EmployeeValues | undefined {
  const before = errors.all().length;
  const nip = draft.nip.trim();
  for (const problem of nipProblems(nip, draft.employmentType, today)) errors.addError(nipError(problem, path('nip')));
  const name = requiredText(errors, draft.name, path('name'), 'The name', EMPLOYEE_TEXT_MAX);
  const titlePrefix = optionalText(
    errors,
    draft.titlePrefix ?? null,
    path('titlePrefix'),
    'The title before the name',
    EMPLOYEE_TITLE_MAX,
  );
  const titleSuffix = optionalText(
    errors,
    draft.titleSuffix ?? null,
    path('titleSuffix'),
    'The title after the name',
    EMPLOYEE_TITLE_MAX,
  );
  const positionTitle = requiredText(
    errors,
    draft.positionTitle,
    path('positionTitle'),
    'The position title',
    EMPLOYEE_TEXT_MAX,
  );
  const grade = draft.grade.trim();
  if (!isValidGrade(grade, draft.employmentType)) {
    errors.addError(
      employeeError(
        draft.employmentType === EmploymentType.PNS
          ? EmployeeProblem.GRADE_INVALID_PNS
          : EmployeeProblem.GRADE_INVALID_PPPK,
        path('grade'),
      ),
    );
  }
  const email = optionalText(errors, draft.email ?? null, path('email'), 'The email', EMPLOYEE_TEXT_MAX);
  if (email && !isEmail(email)) errors.addError(employeeError(EmployeeProblem.EMAIL_INVALID, path('email')));
  const nipGender = genderFromNip(nip, draft.employmentType);
  if (nipGender && draft.gender && draft.gender !== nipGender)
    errors.addError(employeeError(EmployeeProblem.GENDER_MISMATCH, path('gender')));
  const siasnId = draft.siasnId == null ? draft.siasnId : draft.siasnId.trim() || null;
  if (siasnId != null && !SIASN_ID.test(siasnId))
    errors.addError(employeeError(EmployeeProblem.SIASN_ID_INVALID, path('siasnId')));
  if (errors.all().length > before) return undefined;
  return {
    nip,
    name: name!,
    titlePrefix: titlePrefix ?? null,
    titleSuffix: titleSuffix ?? null,
    employmentType: draft.employmentType,
    grade,
    gender: nipGender ?? draft.gender ?? null,
    positionTitle: positionTitle!,
    positionKind: draft.positionKind,
    email: email ?? null,
    ...(siasnId === undefined ? {} : { siasnId }),
  };
}
