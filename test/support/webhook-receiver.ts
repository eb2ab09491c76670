import http from 'node:http';
import { type AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  type: string;
}

/**
 * A webhook receiver for tests on 127.0.0.1: records what it receives, and can be taken down (connections
 * refused) and brought up again on the same port.
 */
export class TestReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server: http.Server | undefined;
  private constructor(readonly port: number) {}

  static async start(): Promise<TestReceiver> {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const receiver = new TestReceiver(port);
    await receiver.up();
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({
          path: req.url ?? '',
          id: String(req.headers['webhook-id']),
          timestamp: String(req.headers['webhook-timestamp']),
          signature: String(req.headers['webhook-signature']),
          body,
          type: (JSON.parse(body) as { type: string }).type,
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  /** What arrived at a path, pings left out. */
  events(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path && r.type !== 'webhook.ping');
  }
}
