import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { TestApp } from '../support/test-app';

/**
 * Issue 19, item 1: the explorer in a real browser (Debian's Chromium, driven by playwright-core). The page loads
 * with every request going to the service's own origin, a query with a token runs, and the answer is shown.
 * `npm run test:browser` builds the assets first; `.ci/run` installs Chromium.
 */

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Where the test leaves its screenshot for a person to look at (`SCREENSHOT_DIR`, the system's temp folder). */
const SCREENSHOT = path.join(process.env.SCREENSHOT_DIR || os.tmpdir(), 'kinerja-walesi-explorer.png');

describe('the explorer in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const bodies: string[] = [];

  beforeAll(async () => {
    // Fails rather than skips: a CI without its browser must not pass silently.
    if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium`);
    app = await TestApp.start();
    // Root in CI: Chromium's sandbox refuses to run as root.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('request', (request) => {
      requests.push(request.url());
      bodies.push(request.postData() ?? '');
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('loads GraphiQL from the service alone, runs a query with the token field, and shows the answer', async () => {
    const unit = await app.fixtures.unit({ name: 'UPTD Puskesmas Walesi' });
    const employee = await app.fixtures.employee({ unit, name: 'Yosina Wenda' });
    const token = await app.token(employee.nip);
    const { viewer } = await app.data<{ viewer: { employee: { displayName: string } } }>(
      '{ viewer { employee { displayName } } }',
      {},
      token,
    );
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} ${message.location().url}`);
    });

    const origin = new URL(app.url).origin;
    const response = await page.goto(app.url, { waitUntil: 'networkidle' });
    expect(response?.headers()['content-security-policy']).toMatch(/default-src 'none'/);
    await page.locator('.graphiql-container').waitFor();
    // The published schema is read (not introspected): the Docs explorer knows the query type.
    await page.getByRole('button', { name: /show documentation explorer/i }).click();
    await page.getByText('Query', { exact: true }).first().waitFor();

    await page.locator('#kw-token').fill(token);
    const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    // Typed as a person would: the editor closes each brace itself and steps over the typed one.
    await page.keyboard.type('{ viewer { employee { displayName } } }');
    // Laid out on lines, for whoever looks at the screenshot.
    await page.getByRole('button', { name: /prettify query/i }).click();
    const answered = page.waitForResponse((r) => r.url() === app.url && r.request().method() === 'POST');
    await page.getByRole('button', { name: /execute query/i }).click();
    const post = await answered;
    expect(post.request().headers()['authorization']).toBe(`Bearer ${token}`);
    expect(post.request().headers()['content-type']).toBe('application/json');
    expect((post.request().postDataJSON() as { query: string }).query.replace(/\s+/g, ' ').trim()).toBe(
      '{ viewer { employee { displayName } } }',
    );

    await page.locator('.graphiql-response').getByText(viewer.employee.displayName).first().waitFor();
    await page.screenshot({ path: SCREENSHOT });

    // Everything the page asked for came from the service: no CDN, font, or analytics host. `data:` URLs (the
    // fonts inside GraphiQL's stylesheet) are not requests to anywhere.
    const elsewhere = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
    expect(elsewhere).toEqual([]);
    expect(requests.some((url) => url.endsWith('/explorer/schema.graphql'))).toBe(true);
    // No introspection query was sent: the schema came from the file.
    expect(bodies.filter((body) => body.includes('__schema'))).toEqual([]);
    // Nothing the page needs was refused by its own policy, and nothing failed.
    expect(consoleErrors).toEqual([]);
  });

  it('remembers the token for the tab, and forgets it on request', async () => {
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.locator('#kw-token').inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Forget token' }).click();
    expect(await page.locator('#kw-token').inputValue()).toBe('');
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.locator('#kw-token').inputValue()).toBe('');
  });
});
