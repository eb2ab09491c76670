import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertSelfContainedCss, buildExplorerAssets } from './build-assets';
import { readExplorerManifest } from './assets-location';

describe('the explorer asset build', () => {
  it('refuses a stylesheet that would fetch a font or another stylesheet', () => {
    expect(() => assertSelfContainedCss('a{background:url(data:image/png;base64,AAAA)}', 'ok.css')).not.toThrow();
    expect(() => assertSelfContainedCss("@font-face{src:url('https://fonts.example/x.woff2')}", 'f.css')).toThrow(
      /would be fetched/,
    );
    expect(() => assertSelfContainedCss('@font-face{src:url(/fonts/x.woff2)}', 'f.css')).toThrow(/would be fetched/);
    expect(() => assertSelfContainedCss('@import "https://cdn.example/x.css";', 'i.css')).toThrow(/@import/);
  });

  it('writes content-hashed files and their manifest, then does nothing while the inputs are the same', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-build-'));
    try {
      const first = await buildExplorerAssets(dir);
      expect(first.built).toBe(true);
      expect(readExplorerManifest(dir)).toEqual(first.manifest);
      for (const [role, name] of Object.entries(first.manifest.files)) {
        expect(name).toMatch(new RegExp(`^${role}\\.[0-9a-f]{12}\\.(js|css)$`));
        const text = fs.readFileSync(path.join(dir, name), 'utf8');
        // The service serves no source maps: a reference to one would be a request that fails.
        expect(text).not.toMatch(/sourceMappingURL/);
      }
      const second = await buildExplorerAssets(dir);
      expect(second).toEqual({ built: false, manifest: first.manifest });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
