import 'reflect-metadata';
import { loadConfig } from './core/config/config';
import { createLogger } from './core/server/logger';
import { startService } from './app/service';
import { demoHeadNip } from './seed/seed-writer';

/** `npm start`: serve until SIGTERM/SIGINT, then drain and exit. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const service = await startService(config, log);
  process.on('SIGTERM', () => void service.shutdown('SIGTERM'));
  process.on('SIGINT', () => void service.shutdown('SIGINT'));
  if (config.env !== 'production') {
    const who = (await demoHeadNip(service.db)) ?? '<NIP>';
    process.stdout.write(
      `\nKinerja Walesi is serving GraphQL at ${service.server.url}\n` +
        `Get a demo token (another terminal):  npm run token -- --nip ${who}\n` +
        `  (without arguments it lists some NIPs; add --role HR_ADMIN for HR administration)\n` +
        `Then: curl -s ${service.server.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\\n` +
        `        -d '{"query":"{ viewer { employee { displayName } team { totalCount nodes { displayName positionTitle } } } }"}'\n` +
        (config.explorer
          ? `Or open ${service.server.url} in a browser: the explorer, with a field for the token.\n`
          : '') +
        '\n',
    );
  }
}

main().catch((error: unknown) => {
  console.error('Kinerja Walesi failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
