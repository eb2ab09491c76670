import { CliError } from '../cli/cli-support';
import { BackupFileError } from './backup-format';
import { RestoreRefusedError } from './restore';

/** Exit code of a refused backup file (damaged, truncated, not a backup): nothing was written. */
export const EXIT_FILE_REFUSED = 2;

/** Runs a backup command's work, turning its expected refusals into readable errors with their exit codes. */
export async function withBackupErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupFileError)
      throw new CliError(`${error.message}. Nothing was written.`, EXIT_FILE_REFUSED);
    if (error instanceof RestoreRefusedError) throw new CliError(error.message);
    throw error;
  }
}
