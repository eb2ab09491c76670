/**
 * Escapes `%`, `_` and the escape character so user text matches literally inside `LIKE … ESCAPE '!'`.
 * `!` rather than a backslash: MySQL and SQLite disagree on how to write a backslash in a string literal.
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/** A `LIKE` pattern matching rows that contain `text`, case-insensitively (with `LOWER(column)`). */
export function containsPattern(text: string): string {
  return `%${escapeLike(text.trim().toLowerCase())}%`;
}
