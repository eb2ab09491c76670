import { registerEnumType } from 'type-graphql';

/** What kind of organisational unit this is (bentuk unit kerja). */
export enum UnitKind {
  GOVERNMENT = 'GOVERNMENT',
  SECRETARIAT = 'SECRETARIAT',
  AGENCY = 'AGENCY',
  DISTRICT_OFFICE = 'DISTRICT_OFFICE',
  HEALTH_CENTRE = 'HEALTH_CENTRE',
  SCHOOL = 'SCHOOL',
  DIVISION = 'DIVISION',
  SECTION = 'SECTION',
  OTHER = 'OTHER',
}

registerEnumType(UnitKind, {
  name: 'UnitKind',
  description: 'Kind of organisational unit (bentuk unit kerja).',
  valuesConfig: {
    GOVERNMENT: { description: 'The regional government as a whole (Pemerintah Kabupaten).' },
    SECRETARIAT: { description: 'Secretariat (Sekretariat Daerah, Sekretariat DPRD).' },
    AGENCY: { description: 'Regional agency (perangkat daerah: dinas, badan).' },
    DISTRICT_OFFICE: { description: 'District office (Kantor Distrik, the Papuan kecamatan).' },
    HEALTH_CENTRE: { description: 'Community health centre (UPTD Puskesmas).' },
    SCHOOL: { description: 'School (SD, SMP).' },
    DIVISION: { description: 'Division or department inside an agency (bidang, bagian).' },
    SECTION: { description: 'Section or sub-division (seksi, subbagian, subbidang).' },
    OTHER: { description: 'Any other unit.' },
  },
});
