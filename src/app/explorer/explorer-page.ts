import { type ExplorerManifest } from './assets-location';

/** Where the explorer's files are served: assets (content-hashed, cached for good) and the schema. */
export const EXPLORER_PATH = '/explorer';
export const ASSETS_PATH = `${EXPLORER_PATH}/assets`;
export const SCHEMA_PATH = `${EXPLORER_PATH}/schema.graphql`;

/**
 * Only the service's own origin: the page can load nothing from elsewhere, send nothing elsewhere, and run no
 * inline script. GraphiQL's fonts are `data:` URLs inside its stylesheet (no request); React sets element styles
 * through the DOM, which `style-src` does not govern.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page at the GraphQL path: a token bar above GraphiQL; or, before `npm run build`, a note saying so. */
export function explorerPage(endpoint: string, manifest: ExplorerManifest | undefined): string {
  const asset = (name: string): string => escapeAttribute(`${ASSETS_PATH}/${name}`);
  const head = manifest
    ? `<link rel="stylesheet" href="${asset(manifest.files.graphiqlCss)}">
<link rel="stylesheet" href="${asset(manifest.files.explorerCss)}">`
    : '';
  const body = manifest
    ? `<header class="kw-bar">
<strong>Kinerja Walesi API explorer</strong>
<label>Bearer token <input id="kw-token" type="password" autocomplete="off" spellcheck="false" placeholder="paste a token (npm run token)"></label>
<button id="kw-forget" type="button">Forget token</button>
<a href="${escapeAttribute(SCHEMA_PATH)}" download="schema.graphql">schema.graphql</a>
<span id="kw-status" role="status"></span>
</header>
<main id="kw-graphiql" data-endpoint="${escapeAttribute(endpoint)}" data-schema="${escapeAttribute(SCHEMA_PATH)}"></main>
${[manifest.files.react, manifest.files.reactDom, manifest.files.graphiql, manifest.files.explorer]
  .map((file) => `<script src="${asset(file)}"></script>`)
  .join('\n')}`
    : `<p>The explorer's assets are not built: run <code>npm run build</code> (or <code>npm start</code>), then reload.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Kinerja Walesi API explorer</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}
