import { loadConfig, type Config } from '../core/config/config';
import { Database } from '../core/database/database';
import { createLogger } from '../core/server/logger';

/** Minimal `--name value` / `--flag` parsing for the project's commands. */
export function parseArgs(argv: string[]): { options: Map<string, string | true>; positional: string[] } {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) options.set(name, inline);
      else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) options.set(name, argv[++i]!);
      else options.set(name, true);
    } else positional.push(arg);
  }
  return { options, positional };
}

export function stringOption(options: Map<string, string | true>, name: string): string | undefined {
  const value = options.get(name);
  if (value === true) throw new CliError(`--${name} needs a value`);
  return value;
}

export class CliError extends Error {
  constructor(
    message: string,
    /** The process's exit code: 1 unless a command documents another (2: a backup file refused). */
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Runs a command: configuration, database, clean exit codes and readable errors. */
export async function runCommand(
  work: (env: { config: Config; db: () => Promise<Database> }) => Promise<void>,
): Promise<void> {
  let db: Database | undefined;
  try {
    const config = loadConfig();
    const log = createLogger(process.env.LOG_LEVEL || 'warn');
    await work({
      config,
      db: async () => (db ??= await Database.connect(config.databaseUrl, { log })),
    });
  } catch (error) {
    console.error(error instanceof CliError ? `error: ${error.message}` : error);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  } finally {
    await db?.close();
  }
}

/** A progress line: rewritten in place on a terminal, one line per step otherwise (CI logs). */
export function progressLine(): { update(text: string): void; done(text: string): void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(text) {
      if (tty) process.stderr.write(`\r\x1b[K${text}`);
      else if (Date.now() - last > 2000) {
        process.stderr.write(`${text}\n`);
        last = Date.now();
      }
    },
    done(text) {
      process.stderr.write(tty ? `\r\x1b[K${text}\n` : `${text}\n`);
    },
  };
}
