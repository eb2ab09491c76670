import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build, transform } from 'esbuild';
import {
  explorerAssetsDir,
  type ExplorerManifest,
  MANIFEST_FILE,
  projectRoot,
  readExplorerManifest,
} from './assets-location';

type Role = keyof ExplorerManifest['files'];

interface Source {
  role: Role;
  file: string;
  kind: 'js' | 'css';
  /** Our own TypeScript entry, bundled; the others are published builds, only minified. */
  bundle?: boolean;
}

const packageDir = (name: string): string => path.dirname(require.resolve(`${name}/package.json`));
// Our browser code is TypeScript that only esbuild reads: from the sources, also when this runs from `dist/`.
const BROWSER = path.join(projectRoot(), 'src', 'app', 'explorer', 'browser');

function sources(): Source[] {
  return [
    // Production UMD builds: GraphiQL's UMD bundle expects `React` and `ReactDOM` globals.
    { role: 'react', file: path.join(packageDir('react'), 'umd', 'react.production.min.js'), kind: 'js' },
    { role: 'reactDom', file: path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), kind: 'js' },
    { role: 'graphiql', file: path.join(packageDir('graphiql'), 'graphiql.min.js'), kind: 'js' },
    { role: 'graphiqlCss', file: path.join(packageDir('graphiql'), 'graphiql.min.css'), kind: 'css' },
    { role: 'explorer', file: path.join(BROWSER, 'explorer.ts'), kind: 'js', bundle: true },
    { role: 'explorerCss', file: path.join(BROWSER, 'explorer.css'), kind: 'css' },
  ];
}

/** Published builds name their source maps; the service serves none, so the reference would be a request to a 404. */
const stripSourceMapReference = (code: string): string => code.replace(/\n?\/[/*][#@] sourceMappingURL=[^\n]*/g, '');

/** Fails the build on a stylesheet that would fetch from elsewhere (a web font, an `@import`): the page must not. */
export function assertSelfContainedCss(css: string, file: string): void {
  if (/@import/i.test(css)) throw new Error(`${file}: @import would load another stylesheet`);
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]*)/gi)) {
    if (!match[2]!.startsWith('data:')) throw new Error(`${file}: url(${match[2]}) would be fetched`);
  }
}

async function output(source: Source): Promise<string> {
  if (source.bundle) {
    const result = await build({
      entryPoints: [source.file],
      bundle: true,
      format: 'iife',
      target: 'es2020',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  }
  const code = stripSourceMapReference(fs.readFileSync(source.file, 'utf8'));
  // React's UMD files are minified already; GraphiQL's "min" bundle is webpack's readable development output.
  if (source.role === 'react' || source.role === 'reactDom') return code;
  const result = await transform(code, { loader: source.kind, minify: true, target: 'es2020', logLevel: 'silent' });
  return stripSourceMapReference(result.code);
}

/** What the assets are made from: their bytes and every file of our browser code. */
function inputKey(all: Source[]): string {
  const hash = createHash('sha256');
  const own = fs.readdirSync(BROWSER).map((name) => path.join(BROWSER, name));
  for (const file of [...all.map((s) => s.file), ...own, __filename].sort())
    hash.update(file).update(fs.readFileSync(file));
  return hash.digest('hex');
}

/**
 * Builds the explorer's assets into `dir` (`dist/explorer/` by default): each file named after its content hash so
 * that the service can let browsers cache it for good, and a manifest naming them. Does nothing when the inputs
 * are those of the build already there.
 */
export async function buildExplorerAssets(
  dir = explorerAssetsDir(),
): Promise<{ built: boolean; manifest: ExplorerManifest }> {
  const all = sources();
  const key = inputKey(all);
  const existing = readExplorerManifest(dir);
  if (existing?.key === key && Object.values(existing.files).every((f) => fs.existsSync(path.join(dir, f)))) {
    return { built: false, manifest: existing };
  }
  const files = {} as ExplorerManifest['files'];
  const contents = new Map<string, string>();
  for (const source of all) {
    const code = await output(source);
    if (source.kind === 'css') assertSelfContainedCss(code, source.file);
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
    const name = `${source.role}.${hash}.${source.kind}`;
    files[source.role] = name;
    contents.set(name, code);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, code] of contents) fs.writeFileSync(path.join(dir, name), code);
  const manifest: ExplorerManifest = { key, files };
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { built: true, manifest };
}
