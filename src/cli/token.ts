import 'reflect-metadata';
import { decodeJwt, SignJWT } from 'jose';
import { parseRole, Role } from '../core/auth/role';
import { type Database } from '../core/database/database';
import { Employee } from '../modules/employee/employee.entity';
import { Unit } from '../modules/unit/unit.entity';
import { CliError, parseArgs, runCommand, stringOption } from './cli-support';
import { normaliseUnitCode } from '../modules/unit/unit-code';

const USAGE = `Mints a development token for the embedded demo (signed with JWT_SECRET or the development secret).

  npm run token -- --nip <NIP> [--role HR_ADMIN|ANALYST|INTEGRATION]... [--unit <unit code>] [--expires 12h]
  npm run token -- --client <client id> --role INTEGRATION|ANALYST|HR_ADMIN [--unit <unit code>]

--unit limits an HR_ADMIN to that unit's subtree. --expires may not exceed MAX_TOKEN_LIFETIME_SECONDS (12h). The token goes to stdout; use it as
  Authorization: Bearer <token>`;

/** `npm run token`: a signed JWT for a demo employee or client. Refuses when the server verifies with a public key. */
void runCommand(async ({ config, db }) => {
  const { options } = parseArgs(process.argv.slice(2));
  if (options.has('help') || (!options.has('nip') && !options.has('client'))) {
    process.stdout.write(`${USAGE}\n`);
    if (!options.has('help')) await printSuggestions(await db());
    return;
  }
  if (config.token.kind !== 'secret') {
    throw new CliError(
      'The server verifies tokens with a public key or JWKS (JWT_PUBLIC_KEY / JWT_JWKS_URL): tokens come from that identity provider, not from here.',
    );
  }
  if (config.env === 'production') throw new CliError('Refusing to mint tokens with NODE_ENV=production.');
  const nip = stringOption(options, 'nip');
  const client = stringOption(options, 'client');
  if (nip && client) throw new CliError('Give --nip or --client, not both.');
  const roleArgs = process.argv
    .slice(2)
    .flatMap((arg, i, all) =>
      arg === '--role' && all[i + 1] ? [all[i + 1]!] : arg.startsWith('--role=') ? [arg.slice(7)] : [],
    );
  const roles = roleArgs.map((r) => parseRole(r.toUpperCase()) ?? failRole(r));
  const unit = stringOption(options, 'unit');
  if (unit && !roles.includes(Role.HR_ADMIN))
    throw new CliError('--unit only limits an HR_ADMIN: add --role HR_ADMIN.');
  if (client && roles.length === 0) throw new CliError('A client token needs at least one --role.');

  const database = await db();
  if (nip) {
    const employee = await database.manager.getRepository(Employee).findOneBy({ nip });
    if (!employee)
      throw new CliError(`No employee has NIP ${nip} in ${config.databaseUrl}. Run without arguments for suggestions.`);
    if (!employee.active) throw new CliError(`Employee ${nip} is deactivated: the server would refuse the token.`);
  }
  if (unit && !(await database.manager.getRepository(Unit).findOneBy({ code: normaliseUnitCode(unit) })))
    throw new CliError(`No unit has the code ${unit}.`);

  const jwt = new SignJWT({ roles, ...(unit ? { unit } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject((nip ?? client)!)
    .setIssuedAt()
    .setExpirationTime(stringOption(options, 'expires') ?? '12h');
  if (config.jwtIssuer) jwt.setIssuer(config.jwtIssuer);
  if (config.jwtAudience) jwt.setAudience(config.jwtAudience);
  const signed = await jwt.sign(new TextEncoder().encode(config.token.secret));
  const { iat = 0, exp = 0 } = decodeJwt(signed);
  if (exp - iat > config.maxTokenLifetimeSeconds)
    throw new CliError(
      `--expires is longer than the server accepts (MAX_TOKEN_LIFETIME_SECONDS=${config.maxTokenLifetimeSeconds}).`,
    );
  process.stdout.write(`${signed}\n`);
});

function failRole(role: string): never {
  throw new CliError(`Unknown role "${role}" (use ${Object.values(Role).join(', ')}).`);
}

async function printSuggestions(database: Database): Promise<void> {
  const heads = await database.manager
    .getRepository(Employee)
    .createQueryBuilder('e')
    .innerJoin(Unit, 'u', 'u.head_id = e.id')
    .select(['e.nip AS nip', 'e.name AS name', 'e.position_title AS position'])
    .orderBy('u.id')
    .limit(8)
    .getRawMany<{ nip: string; name: string; position: string }>();
  if (heads.length === 0) return;
  process.stdout.write('\nSome unit heads in this database:\n');
  for (const h of heads) process.stdout.write(`  ${h.nip}  ${h.name} (${h.position})\n`);
}
