import fs from 'node:fs';
import path from 'node:path';

/**
 * The written rule for reading data (src/core/database/README.md), its clearest parts held by a scan of the
 * modules: raw SQL (`em.query`) only where the README allows it, hydrators (`RawEntities`) only in loaders.
 */
const MODULES = path.join(__dirname, '..', 'src', 'modules');

/** Aggregates, recursive statements, window functions and keyset exports: raw SQL with `?` parameters. */
const RAW_SQL_ALLOWED = [
  'analytics/analytics.service.ts',
  'analytics/export.router.ts',
  'competency/talent.service.ts',
  'personal-data/personal-data.sections.ts',
  'reminder/reminder-queries.ts',
  'siasn/siasn.service.ts',
  'work-plan/work-plan.service.ts',
];

/** The principal directory runs before a request context exists (sign-in), on every request: a hydrator, not a loader. */
const HYDRATORS_ALLOWED = ['employee/principal-directory.ts'];

function moduleFiles(): string[] {
  const files: string[] = [];
  for (const dir of fs.readdirSync(MODULES)) {
    for (const file of fs.readdirSync(path.join(MODULES, dir))) {
      if (file.endsWith('.ts') && !file.endsWith('.spec.ts')) files.push(`${dir}/${file}`);
    }
  }
  return files;
}

const isLoaders = (file: string) => /\.loaders?\.ts$/.test(file);
const read = (file: string) => fs.readFileSync(path.join(MODULES, file), 'utf8');

describe('reading data follows src/core/database/README.md', () => {
  const files = moduleFiles();

  it('raw SQL (em.query) only in loaders and the files the README names', () => {
    const outliers = files.filter(
      (f) => /\b(em|manager)\s*\.\s*query\s*[<(]/.test(read(f)) && !isLoaders(f) && !RAW_SQL_ALLOWED.includes(f),
    );
    expect(outliers).toEqual([]);
  });

  it('hydrators (RawEntities, rawByIds) only in loaders', () => {
    const outliers = files.filter(
      (f) => /\b(RawEntities|rawByIds)\b/.test(read(f)) && !isLoaders(f) && !HYDRATORS_ALLOWED.includes(f),
    );
    expect(outliers).toEqual([]);
  });

  it('names only files that exist and still need it (the lists do not outlive the code)', () => {
    for (const f of RAW_SQL_ALLOWED) expect([f, /\b(em|manager)\s*\.\s*query\s*[<(]/.test(read(f))]).toEqual([f, true]);
    for (const f of HYDRATORS_ALLOWED) expect([f, /\b(RawEntities|rawByIds)\b/.test(read(f))]).toEqual([f, true]);
  });
});
