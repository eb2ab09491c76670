import { badUserInput } from '../errors/app-error';
import { type UserErrorList, UserErrorCode } from '../errors/user-error';
import { TEXT_LABELS, TEXT_MESSAGES, type TextLabel } from './text-labels';

/**
 * Trims a required text input and checks its length; records INVALID on `errors` and returns undefined when it
 * is empty or too long. Lengths count characters (Unicode code points), as the database's utf8mb4 does.
 */
export function requiredText(
  errors: UserErrorList,
  value: string,
  field: string[],
  label: TextLabel,
  max: number,
): string | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    errors.add(UserErrorCode.INVALID, TEXT_MESSAGES.empty(TEXT_LABELS[label]), field);
    return undefined;
  }
  if ([...trimmed].length > max) {
    errors.add(UserErrorCode.INVALID, TEXT_MESSAGES.tooLong(TEXT_LABELS[label], max), field);
    return undefined;
  }
  return trimmed;
}

/** Like `requiredText`, for a nullable field: null or blank clears it. */
export function optionalText(
  errors: UserErrorList,
  value: string | null | undefined,
  field: string[],
  label: TextLabel,
  max: number,
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') return null;
  return requiredText(errors, value, field, label, max) ?? undefined;
}

/** Longest text a `search` filter takes: longer than any name or code it can match (those stop at 191). */
export const SEARCH_TEXT_MAX = 100;

/**
 * A `search` filter's text, trimmed; null when absent or blank. Longer than `SEARCH_TEXT_MAX` characters is the
 * caller's mistake (400 BAD_USER_INPUT), not a pattern for the database: a 90 KB one failed there as a 500.
 */
export function searchText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if ([...trimmed].length > SEARCH_TEXT_MAX) {
    throw badUserInput(`\`search\` must be at most ${SEARCH_TEXT_MAX} characters.`, {
      field: 'search',
      http: { status: 400 },
    });
  }
  return trimmed;
}
