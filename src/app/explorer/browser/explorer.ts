/**
 * The explorer page's script: GraphiQL on the page's own origin, the published schema instead of introspection,
 * and a token field whose value becomes `Authorization: Bearer …`. Bundled by `npm run build` (esbuild); the
 * page loads React, ReactDOM and GraphiQL's UMD builds before it, which define the globals declared here.
 */

interface GraphQLParams {
  query: string;
  variables?: unknown;
  operationName?: string | null;
}
type Fetcher = (params: GraphQLParams, options?: { headers?: Record<string, unknown> }) => Promise<unknown>;

declare const React: { createElement(type: unknown, props: Record<string, unknown> | null): unknown };
declare const ReactDOM: { createRoot(element: Element): { render(node: unknown): void } };
declare const GraphiQL: { GraphQL: { buildSchema(sdl: string): unknown } };

const TOKEN_KEY = 'kinerja-walesi.explorer.token';

const DEFAULT_QUERY = `# Paste a token in the field above (\`npm run token\` mints one), then run this with the ▶ button
# or Ctrl-Enter. The Docs panel shows the published schema.
{
  viewer {
    employee {
      displayName
    }
  }
}
`;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The explorer page has no #${id}`);
  return found as T;
}

/** The token as typed, without a pasted `Bearer ` prefix. */
const tokenOf = (input: HTMLInputElement): string => input.value.trim().replace(/^bearer\s+/i, '');

/** Remembered for the tab's life only (sessionStorage): a token is a credential, not a preference. */
function rememberToken(input: HTMLInputElement, forget: HTMLButtonElement): void {
  input.value = sessionStorage.getItem(TOKEN_KEY) ?? '';
  input.addEventListener('input', () => {
    const token = tokenOf(input);
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  });
  forget.addEventListener('click', () => {
    input.value = '';
    sessionStorage.removeItem(TOKEN_KEY);
    input.focus();
  });
}

const hasHeader = (headers: Record<string, unknown>, name: string): boolean =>
  Object.keys(headers).some((key) => key.toLowerCase() === name);

/** Posts JSON to the endpoint; an `Authorization` typed in GraphiQL's headers tab wins over the token field. */
function fetcherFor(endpoint: string, input: HTMLInputElement): Fetcher {
  return async (params, options) => {
    const typed = options?.headers ?? {};
    const token = tokenOf(input);
    const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
    if (token && !hasHeader(typed, 'authorization')) headers.authorization = `Bearer ${token}`;
    for (const [name, value] of Object.entries(typed)) headers[name] = String(value);
    const response = await fetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify(params),
      credentials: 'omit',
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return { errors: [{ message: `HTTP ${response.status}: the answer was not JSON`, body: text.slice(0, 500) }] };
    }
  };
}

/** The published schema, so that docs and completion work where introspection is off (production). */
async function loadSchema(url: string, status: HTMLElement): Promise<unknown> {
  try {
    const response = await fetch(url, { credentials: 'omit' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const schema = GraphiQL.GraphQL.buildSchema(await response.text());
    status.textContent = '';
    return schema;
  } catch (error) {
    status.textContent = `The schema could not be loaded (${(error as Error).message}): no docs or completion.`;
    // Null, not undefined: GraphiQL would otherwise introspect, which production refuses.
    return null;
  }
}

async function main(): Promise<void> {
  const root = element<HTMLElement>('kw-graphiql');
  const input = element<HTMLInputElement>('kw-token');
  rememberToken(input, element<HTMLButtonElement>('kw-forget'));
  const schema = await loadSchema(root.dataset.schema ?? '', element('kw-status'));
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcherFor(root.dataset.endpoint ?? '', input),
      schema,
      defaultQuery: DEFAULT_QUERY,
      // Headers typed in the tab stay in the tab: they often hold a token.
      shouldPersistHeaders: false,
    }),
  );
}

void main();
