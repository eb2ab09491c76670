import fs from 'node:fs';
import path from 'node:path';

/**
 * A clone holds every document its code cites (issue 17). Scans the code, the tests, the scripts, the migrations,
 * the README, the CHANGELOG and docs/ for cited Markdown paths, and fails on one that names no file of the
 * repository, or that names a file of docs/ without its folder (cite it by its repository path: `docs/…`).
 * A Markdown link is read relative to the file it is in, as a Markdown viewer reads it; any other mention of a
 * path is read from the repository root.
 */

const ROOT = path.join(__dirname, '..');
const SCANNED_FOLDERS = ['src', 'test', 'bench', 'reliability', 'cluster', 'migrations', 'docs'];
const SCANNED_FILES = ['README.md', 'CHANGELOG.md'];
const SCANNED_EXTENSIONS = new Set(['.ts', '.js', '.mjs', '.md', '.graphql']);
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'results', 'data']);
/** The README orients; everything else links to docs/ (issue 17: at most 10 KB). */
const README_MAX_BYTES = 10 * 1024;

/**
 * A path ending in `.md`: not inside a longer word or path (so not the tail of a URL), not `.mdx`. Relative
 * prefixes (`./`, `../`) are part of the path.
 */
const CITATION = /(?<![\w/.-])((?:\.{1,2}\/)*[\w-][\w.-]*(?:\/[\w.-]+)*\.md)(?![\w/-])/g;

interface Citation {
  file: string;
  line: number;
  cited: string;
  /** A Markdown link target, `[text](cited)`: relative to the citing file. */
  link: boolean;
}

function scannedFiles(): string[] {
  const found: string[] = SCANNED_FILES.map((f) => path.join(ROOT, f));
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (SCANNED_EXTENSIONS.has(path.extname(entry.name)) && full !== __filename) {
        found.push(full);
      }
    }
  };
  // `data` folders hold databases and seeds' output; migrations/data holds code, so it is walked on its own.
  for (const folder of SCANNED_FOLDERS) walk(path.join(ROOT, folder));
  walk(path.join(ROOT, 'migrations', 'data'));
  return [...new Set(found)];
}

function citationsIn(file: string): Citation[] {
  const citations: Citation[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      for (const match of text.matchAll(CITATION)) {
        const start = match.index;
        citations.push({
          file: path.relative(ROOT, file),
          line: index + 1,
          cited: match[1]!,
          link: text.slice(start - 2, start) === '](',
        });
      }
    });
  return citations;
}

/** The repository file a citation names, or undefined when it names none (or a file outside the repository). */
function resolved(citation: Citation): string | undefined {
  const base = citation.link ? path.dirname(path.join(ROOT, citation.file)) : ROOT;
  const target = path.resolve(base, citation.cited);
  const inRepository = path.relative(ROOT, target);
  if (inRepository.startsWith('..') || path.isAbsolute(inRepository)) return undefined;
  return fs.existsSync(target) && fs.statSync(target).isFile() ? inRepository : undefined;
}

/** What is wrong with a citation, or undefined. */
function problemOf(citation: Citation): string | undefined {
  const docsFile = path.join(ROOT, 'docs', citation.cited);
  if (!citation.link && !citation.cited.includes('/') && fs.existsSync(docsFile))
    return `cite it as docs/${citation.cited}`;
  if (resolved(citation) === undefined) return 'no such file in the repository';
  return undefined;
}

describe('documents the project cites', () => {
  const files = scannedFiles();
  const citations = files.flatMap(citationsIn);

  it('scans the code, the tests and the documents, and finds citations in them', () => {
    const scanned = files.map((f) => path.relative(ROOT, f));
    expect(scanned).toEqual(
      expect.arrayContaining([path.join('src', 'main.ts'), path.join('docs', 'domain' + '.md'), 'README.md']),
    );
    expect(citations.length).toBeGreaterThan(50);
  });

  it('names only files the repository holds, by their repository path', () => {
    const problems = citations.flatMap((c) => {
      const problem = problemOf(c);
      return problem ? [`${c.file}:${c.line}: ${c.cited}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('reads the citations it is meant to judge (checked on examples)', () => {
    const example = (text: string, file = 'src/example.ts') => {
      const tmp = path.join(ROOT, file);
      return text.split('\n').flatMap((line, index) =>
        [...line.matchAll(CITATION)].map((m) => ({
          file: path.relative(ROOT, tmp),
          line: index + 1,
          cited: m[1]!,
          link: line.slice(m.index - 2, m.index) === '](',
        })),
      );
    };
    const bare = example('/** The matrix of `' + 'domain' + '.md` (rows: result). */');
    expect(bare.map(problemOf)).toEqual(['cite it as docs/domain.md']);
    expect(example('/** (`docs/domain.md`, The ratings) */').map(problemOf)).toEqual([undefined]);
    expect(example('// see ../shared/docs/performance' + '.md').map(problemOf)).toEqual([
      'no such file in the repository',
    ]);
    expect(example('// https://github.com/graphql/graphql-spec/blob/main/README' + '.md')).toEqual([]);
    expect(example('[the backup](backup.md)', 'docs/api.md').map(problemOf)).toEqual([undefined]);
  });

  it('keeps the README short enough to orient (at most 10 KB)', () => {
    expect(fs.statSync(path.join(ROOT, 'README.md')).size).toBeLessThanOrEqual(README_MAX_BYTES);
  });
});
