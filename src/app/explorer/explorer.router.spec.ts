import fs from 'node:fs';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { buildSchema } from 'graphql';
import { type ExplorerManifest, MANIFEST_FILE } from './assets-location';
import { explorerRouter } from './explorer.router';

/** The router over real HTTP with assets of its own: content-hashed names are cached for good, the page never. */
describe('explorerRouter', () => {
  let dir: string;
  let server: http.Server;
  let base: string;

  const serve = async (assetsDir: string): Promise<void> => {
    const app = express().use(
      explorerRouter({ schema: buildSchema('type Query { a: Int }'), endpointPath: '/graphql', assetsDir }),
    );
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-assets-'));
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names the built files in the page and lets browsers keep them', async () => {
    const files: ExplorerManifest['files'] = {
      react: 'react.aaaaaaaaaaaa.js',
      reactDom: 'reactDom.bbbbbbbbbbbb.js',
      graphiql: 'graphiql.cccccccccccc.js',
      graphiqlCss: 'graphiqlCss.dddddddddddd.css',
      explorer: 'explorer.eeeeeeeeeeee.js',
      explorerCss: 'explorerCss.ffffffffffff.css',
    };
    for (const name of Object.values(files)) fs.writeFileSync(path.join(dir, name), `/* ${name} */`);
    fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify({ key: 'k', files }));
    await serve(dir);

    const html = await (await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } })).text();
    for (const name of Object.values(files)) expect(html).toContain(`/explorer/assets/${name}`);
    // Scripts in order: GraphiQL's UMD build wants the React globals, our script wants all three.
    const scripts = [...html.matchAll(/<script src="\/explorer\/assets\/([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([files.react, files.reactDom, files.graphiql, files.explorer]);

    const asset = await fetch(`${base}/explorer/assets/${files.graphiql}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe(`/* ${files.graphiql} */`);
  });

  it('before a build, says how to build instead of loading nothing', async () => {
    await serve(path.join(dir, 'not-built'));
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('npm run build');
    expect(html).not.toContain('<script');
  });

  it('passes non-browser requests on', async () => {
    await serve(dir);
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'application/json' } });
    // Nothing behind the router here: Express's own 404, not the page.
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/explorer/i);
  });
});
