import http from 'node:http';
import { parseArgs, stringOption } from './cli-support';
import { DEMO_WEBHOOK_SECRET } from '../modules/webhook/demo-webhook';
import { verifyWebhook } from '../modules/webhook/webhook-signature';

/**
 * `npm run webhook:receiver [-- --port 4001 --secret whsec_…]`: a receiver for trying webhooks out. It checks each
 * request's signature (the secret: `--secret`, else WEBHOOK_SECRET, else the demo's) and prints the event;
 * answers 204, or 401 when the signature does not verify. `docs/webhooks.md`, Trying it out.
 */
function main(): void {
  const { options } = parseArgs(process.argv.slice(2));
  const port = Number(stringOption(options, 'port') ?? process.env.PORT ?? 4001);
  const host = stringOption(options, 'host') ?? '127.0.0.1';
  const secret = stringOption(options, 'secret') ?? process.env.WEBHOOK_SECRET ?? DEMO_WEBHOOK_SECRET;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(req.headers[name] ?? '');
      const id = header('webhook-id');
      const valid = verifyWebhook(
        secret,
        { id, timestamp: header('webhook-timestamp'), signature: header('webhook-signature') },
        body,
      );
      const stamp = new Date().toISOString();
      if (!valid) {
        process.stdout.write(`${stamp} ${id || '(no webhook-id)'} signature does NOT verify: refused (401)\n`);
        res.writeHead(401).end();
        return;
      }
      process.stdout.write(`${stamp} ${id} signature ok\n${JSON.stringify(JSON.parse(body), null, 2)}\n`);
      res.writeHead(204).end();
    });
  });
  server.listen(port, host, () => {
    process.stdout.write(`Receiving webhooks at http://${host}:${port}/ (Ctrl-C to stop)\n`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
