import { type Text } from '../../core/i18n/text';

/** What the CSV import (`npm run import`) tells the person running it, in every language. */
export const IMPORT_MESSAGES = {
  noSuchFile: (file: string): Text => ({ id: `Berkas tidak ditemukan: ${file}`, en: `No such file: ${file}` }),
  headerUnknown: {
    id: 'Baris judul harus menyebut kolomnya: "nip,…" untuk pegawai atau "code,name,kind,…" untuk unit kerja.',
    en: 'The header must name the columns: "nip,…" for employees or "code,name,kind,…" for units.',
  },
  missingColumns: (kind: string, columns: string): Text => ({
    id: `Kolom yang wajib ada untuk ${kind === 'units' ? 'unit kerja' : 'pegawai'} tidak ditemukan: ${columns}`,
    en: `Missing column(s) for ${kind}: ${columns}`,
  }),
  /** A refused row: `line 37 (1986…): INVALID nip: …`. */
  failedLine: (lineNo: number, key: string, reasons: string): Text => ({
    id: `baris ${lineNo} (${key}): ${reasons}`,
    en: `line ${lineNo} (${key}): ${reasons}`,
  }),
  duplicateInFile: (key: string, firstLine: number): Text => ({
    id: `"${key}" muncul lebih dari sekali dalam berkas ini (pertama pada baris ${firstLine}).`,
    en: `"${key}" appears more than once in this file (first on line ${firstLine}).`,
  }),
  kind: (kind: string): Text =>
    kind === 'units' ? { id: 'unit kerja', en: 'units' } : { id: 'pegawai', en: 'employees' },
  progress: (p: {
    kind: string;
    done: string;
    total: string;
    created: number;
    updated: number;
    unchanged: number;
    failed: number;
  }): Text => ({
    id: `${IMPORT_MESSAGES.kind(p.kind).id}: ${p.done}/${p.total} baris — ${p.created} dibuat, ${p.updated} diperbarui, ${p.unchanged} tidak berubah, ${p.failed} gagal`,
    en: `${p.kind}: ${p.done}/${p.total} rows — ${p.created} created, ${p.updated} updated, ${p.unchanged} unchanged, ${p.failed} failed`,
  }),
  waiting: (n: number): Text => ({
    id: `, ${n} menunggu atasan langsung atau unit induknya yang ada lebih bawah dalam berkas`,
    en: `, ${n} waiting for their supervisor or parent further down the file`,
  }),
  imported: (summary: string): Text => ({ id: `Selesai diimpor: ${summary}.`, en: `Imported ${summary}.` }),
  /** A GraphQL import call over its row limit (`docs/api.md`, Imports). */
  tooManyRows: (max: number, got: number): Text => ({
    id: `Kirim paling banyak ${max} baris setiap kali (diterima ${got}). Untuk seluruh berkas ekspor, kirim berkas CSV-nya ke POST /imports/units.csv atau /imports/employees.csv.`,
    en: `Send at most ${max} rows per call (got ${got}). For a whole export file, POST the CSV to /imports/units.csv or /imports/employees.csv.`,
  }),
  /** `POST /imports/…` refusals (`docs/api.md`, Imports over HTTP). */
  tooLarge: (limit: number): Text => ({
    id: `Berkas terlalu besar: paling besar ${limit} bita (IMPORT_MAX_BYTES). Bagi berkasnya dan kirim bagian demi bagian.`,
    en: `The file is too large: at most ${limit} bytes (IMPORT_MAX_BYTES). Split it and send the parts one by one.`,
  }),
  busy: {
    id: 'Impor lain sedang berjalan di server ini. Coba lagi setelah impor itu selesai.',
    en: 'Another import is running on this server. Try again once it has finished.',
  },
  notCsv: {
    id: 'Kirim berkasnya sebagai text/csv (UTF-8) di badan permintaan.',
    en: 'Send the file as text/csv (UTF-8) in the request body.',
  },
  badCsv: (detail: string): Text => ({
    id: `Berkas ini bukan CSV yang sah: ${detail}`,
    en: `The file is not valid CSV: ${detail}`,
  }),
  usage: {
    id: `Mengimpor unit kerja atau pegawai dari berkas CSV (aturannya sama dengan mutasi importUnits/importEmployees).

  npm run import -- <berkas.csv> [--as <id klien>] [--lang id|en]

Baris judul menyebut kolomnya. Pegawai: nip,name,employmentType,grade,positionTitle,positionKind,unitCode dan boleh
juga titlePrefix,titleSuffix,gender,supervisorNip,email,active. Unit kerja: code,name,kind dan boleh juga parentCode.
Sel kosong mengosongkan isian yang tidak wajib; kolom yang tidak ada membiarkan isian seperti tersimpan. Baris
berulang dengan NIP / kode unit yang sama tidak mengubah apa pun; NIP atau kode yang ditulis dua kali dalam berkas
ditolak pada baris berikutnya. Baris yang atasan langsung (unit induk)-nya ada lebih bawah dalam berkas menunggu
sampai akhir: baris kemajuan menghitungnya sebagai menunggu sampai saat itu.
Kode keluar: 0 bila semua baris diimpor, 2 bila ada baris yang gagal (didaftar di stderr), 1 untuk kesalahan lain.`,
    en: `Imports units or employees from a CSV file (the same rules as the importUnits/importEmployees mutations).

  npm run import -- <file.csv> [--as <client id>] [--lang id|en]

The header names the columns. Employees: nip,name,employmentType,grade,positionTitle,positionKind,unitCode and
optionally titlePrefix,titleSuffix,gender,supervisorNip,email,active. Units: code,name,kind and optionally parentCode.
An empty cell clears an optional field; a missing column leaves it as stored. Rows are idempotent on NIP / unit code;
a NIP or code written twice in the file is refused on its later lines. A row whose supervisor (parent) comes further
down the file waits for the end: the progress line counts it as waiting until then.
Exit code: 0 when every row was imported, 2 when some rows failed (listed on stderr), 1 on any other error.`,
  },
} satisfies Record<string, Text | ((...args: never[]) => Text)>;
