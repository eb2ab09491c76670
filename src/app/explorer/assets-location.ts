import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the explorer's built assets live: `dist/explorer/` of the project. This file runs from `src/app/explorer/`
 * (tests, through swc) and from `dist/src/app/explorer/` (the built service); both find the same folder.
 */
export function explorerAssetsDir(): string {
  return path.join(projectRoot(), 'dist', 'explorer');
}

/** The repository's folder, from `src/app/explorer/` or from its build in `dist/src/app/explorer/`. */
export function projectRoot(): string {
  // Built, this file is JavaScript one folder deeper (`dist/` holds a copy of package.json: no marker to look for).
  const compiled = path.extname(__filename) === '.js';
  return path.resolve(__dirname, ...Array<string>(compiled ? 4 : 3).fill('..'));
}

/** The manifest the build writes: each asset's role and its file name (which carries its content hash). */
export interface ExplorerManifest {
  /** Changes when an input changes: a build with the same key has nothing to do. */
  key: string;
  files: {
    react: string;
    reactDom: string;
    graphiql: string;
    graphiqlCss: string;
    explorer: string;
    explorerCss: string;
  };
}

export const MANIFEST_FILE = 'manifest.json';

/** The manifest of the built assets, or undefined when they have not been built (`npm run build`). */
export function readExplorerManifest(dir = explorerAssetsDir()): ExplorerManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as ExplorerManifest;
  } catch {
    return undefined;
  }
}
