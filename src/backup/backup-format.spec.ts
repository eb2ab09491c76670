import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupFileError,
  backupFileName,
  canonicalValue,
  rowLine,
  TableDigest,
  validateBackupFile,
} from './backup-format';

describe('the backup file format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-backup-format-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const rows = Array.from({ length: 2000 }, (_, i) => [i + 1, `Nama ${i + 1} — Papua`, '2026-01-05 01:00:00.000']);
  const lines = (options: { manifest?: boolean; tamper?: boolean } = {}) => {
    const digest = new TableDigest();
    const body = rows.map((r) => {
      const line = rowLine(r);
      digest.add(line);
      return line;
    });
    if (options.tamper) body[1000] = rowLine([1001, 'Nama 1001 — changed', '2026-01-05 01:00:00.000']);
    const header = {
      kind: 'header',
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: '2026-12-07T14:15:00.000Z',
      source: 'sqlite',
      migrations: ['A1'],
      lastMigration: 'A1',
      tables: ['person'],
    };
    const table = {
      kind: 'table',
      name: 'person',
      columns: ['id', 'name', 'created_at'],
      classes: ['plain', 'plain', 'datetime'],
      primaryKey: ['id'],
    };
    const manifest = { kind: 'manifest', tables: { person: digest.result() } };
    return (
      [
        JSON.stringify(header),
        JSON.stringify(table),
        ...body.map((l) => l.trimEnd()),
        ...(options.manifest === false ? [] : [JSON.stringify(manifest)]),
      ].join('\n') + '\n'
    );
  };
  const write = (name: string, data: Buffer) => {
    const file = join(dir, name);
    writeFileSync(file, data);
    return file;
  };
  const refusal = async (file: string) => {
    try {
      await validateBackupFile(file);
    } catch (error) {
      expect(error).toBeInstanceOf(BackupFileError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('names files by UTC time', () => {
    expect(backupFileName(new Date('2026-12-07T14:15:00.123Z'))).toBe('kinerja-walesi-20261207T141500Z.backup.gz');
  });

  it('writes datetimes and decimals the same whichever database they came from', () => {
    expect(canonicalValue('2026-01-05 01:00:00', 'datetime', 'x')).toBe('2026-01-05 01:00:00.000');
    expect(canonicalValue('2026-01-05 01:00:00.000', 'datetime', 'x')).toBe('2026-01-05 01:00:00.000');
    expect(canonicalValue('12.5000', 'decimal', 'x')).toBe('12.5');
    expect(canonicalValue(12.5, 'decimal', 'x')).toBe('12.5');
    expect(canonicalValue('100.0000', 'decimal', 'x')).toBe('100');
    expect(canonicalValue(100, 'decimal', 'x')).toBe('100');
    // A text column keeps what looks like a date.
    expect(canonicalValue('2026-01-05 01:00:00', 'plain', 'x')).toBe('2026-01-05 01:00:00');
    expect(canonicalValue(null, 'datetime', 'x')).toBeNull();
    expect(() => canonicalValue(Buffer.from('x'), 'plain', 't.c')).toThrow(/t\.c holds a value/);
  });

  it('reads an intact file and its manifest', async () => {
    const { header, manifest, tables } = await validateBackupFile(write('good.gz', gzipSync(lines())));
    expect(header.lastMigration).toBe('A1');
    expect(tables.map((t) => t.name)).toEqual(['person']);
    expect(manifest.tables.person!.rows).toBe(2000);
  });

  it('refuses a file with bytes flipped in the middle', async () => {
    const data = gzipSync(lines());
    const middle = Math.floor(data.length / 2);
    for (let i = middle; i < middle + 8; i++) data[i] = data[i]! ^ 0xff;
    expect(await refusal(write('flipped.gz', data))).toMatch(/not a readable gzip file|damaged/);
  });

  it('refuses a truncated file', async () => {
    const data = gzipSync(lines());
    expect(await refusal(write('truncated.gz', data.subarray(0, Math.floor(data.length * 0.6))))).toMatch(/truncated/);
  });

  it('refuses a complete gzip file without its manifest, and one whose rows do not match it', async () => {
    expect(await refusal(write('no-manifest.gz', gzipSync(lines({ manifest: false }))))).toMatch(
      /has no manifest: the backup is truncated/,
    );
    expect(await refusal(write('tampered.gz', gzipSync(lines({ tamper: true }))))).toMatch(
      /table person does not match its checksum/,
    );
  });

  it('refuses what is not a backup', async () => {
    expect(await refusal(write('plain.txt', Buffer.from('hello\n')))).toMatch(/not a readable gzip file/);
    expect(await refusal(write('other.gz', gzipSync('{"hello":1}\n')))).toMatch(/not a Kinerja Walesi backup/);
    expect(await refusal(join(dir, 'absent.gz'))).toMatch(/no such file/);
    expect(readFileSync(join(dir, 'good.gz')).length).toBeGreaterThan(0);
  });
});
