import { registerEnumType } from 'type-graphql';

/** ASN employment type; the same performance rules apply to both (`docs/domain.md`). */
export enum EmploymentType {
  PNS = 'PNS',
  PPPK = 'PPPK',
}

registerEnumType(EmploymentType, {
  name: 'EmploymentType',
  description: 'Civil servant employment type (jenis ASN).',
  valuesConfig: {
    PNS: { description: 'Pegawai Negeri Sipil: permanent civil servant.' },
    PPPK: { description: 'Pegawai Pemerintah dengan Perjanjian Kerja: civil servant on contract.' },
  },
});

/** Kind of position (jenis jabatan), which decides the SKP form and who appraises whom. */
export enum PositionKind {
  JPT = 'JPT',
  ADMINISTRATOR = 'ADMINISTRATOR',
  PENGAWAS = 'PENGAWAS',
  FUNGSIONAL = 'FUNGSIONAL',
  PELAKSANA = 'PELAKSANA',
}

registerEnumType(PositionKind, {
  name: 'PositionKind',
  description: 'Kind of position (jenis jabatan).',
  valuesConfig: {
    JPT: { description: 'Jabatan Pimpinan Tinggi: senior executive (e.g. head of a dinas).' },
    ADMINISTRATOR: { description: 'Jabatan Administrator (e.g. head of a division, district head).' },
    PENGAWAS: { description: 'Jabatan Pengawas: supervisor (e.g. head of a section, of a health centre).' },
    FUNGSIONAL: { description: 'Jabatan Fungsional: functional position (nurse, teacher, doctor, analyst).' },
    PELAKSANA: { description: 'Jabatan Pelaksana: executor (administrative staff).' },
  },
});

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

registerEnumType(Gender, {
  name: 'Gender',
  description: 'Gender as recorded in the NIP (digit 15: 1 male, 2 female).',
  valuesConfig: {
    MALE: { description: 'Laki-laki (NIP digit 1).' },
    FEMALE: { description: 'Perempuan (NIP digit 2).' },
  },
});
