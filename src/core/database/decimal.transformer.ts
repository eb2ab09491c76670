import { type ValueTransformer } from 'typeorm';

/**
 * `decimal` columns as numbers: mysql2 returns them as strings ("87.5000"), better-sqlite3 as numbers.
 * Measured values and targets are well inside a double's exact range at 4 decimals.
 */
export const decimalTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};
