/** Unit codes are case-insensitive: stored and compared in upper case, on every database alike. */
export const normaliseUnitCode = (code: string): string => code.trim().toUpperCase();
