import { Gender } from '../modules/employee/employee-enums';
import { type Random } from './random';

/** Family names of the Baliem valley (Hubula/Dani, Lani, Yali) and of civil servants from elsewhere in Indonesia. */
const PAPUAN_FAMILY = [
  'Wenda',
  'Lokobal',
  'Hubi',
  'Itlay',
  'Asso',
  'Wetipo',
  'Mabel',
  'Elopere',
  'Kogoya',
  'Tabuni',
  'Yikwa',
  'Matuan',
  'Walilo',
  'Logo',
  'Lani',
  'Wuka',
  'Siep',
  'Hisage',
  'Halitopo',
  'Lagowan',
  'Marian',
  'Wantik',
  'Yelipele',
  'Doga',
  'Kossay',
  'Lokmbere',
  'Alua',
  'Mulait',
  'Huby',
  'Wamu',
  'Mabel',
  'Kurisi',
  'Meaga',
  'Tago',
  'Elosak',
  'Wilil',
];
const OTHER_FAMILY = [
  'Sitompul',
  'Simanjuntak',
  'Manuhutu',
  'Rumbiak',
  'Sawaki',
  'Kaisiepo',
  'Rumaropen',
  'Pattiasina',
  'Latuheru',
  'Nanlohy',
  'Santoso',
  'Wibowo',
  'Rahman',
  'Hasibuan',
  'Tambunan',
  'Lumban Gaol',
  'Ndiken',
  'Gebze',
  'Mahuze',
  'Salossa',
];
const MALE_GIVEN = [
  'Yosep',
  'Markus',
  'Yulianus',
  'Naftali',
  'Yance',
  'Herman',
  'Paulus',
  'Oktovianus',
  'Benyamin',
  'Salmon',
  'Frans',
  'Yohanis',
  'Agustinus',
  'Daniel',
  'Elias',
  'Stevanus',
  'Yakob',
  'Lukas',
  'Simon',
  'Obet',
  'Nikolaus',
  'Marthen',
  'Petrus',
  'Tinus',
  'Yunus',
  'Isak',
  'Amos',
  'Musa',
  'Budi',
  'Andi',
  'Rudy',
  'Hendrik',
];
const FEMALE_GIVEN = [
  'Elisabeth',
  'Agustina',
  'Yohana',
  'Martha',
  'Ruth',
  'Debora',
  'Maria',
  'Yuliana',
  'Ester',
  'Naomi',
  'Ribka',
  'Susana',
  'Fransiska',
  'Magdalena',
  'Lince',
  'Yosina',
  'Marlina',
  'Dorkas',
  'Priskila',
  'Helena',
  'Siti',
  'Dewi',
  'Sri',
  'Rahel',
  'Sarlota',
  'Mince',
  'Regina',
  'Veronika',
];

export interface PersonName {
  name: string;
  gender: Gender;
}

export function personName(random: Random, gender?: Gender): PersonName {
  const g = gender ?? (random.chance(0.5) ? Gender.MALE : Gender.FEMALE);
  const given = random.pick(g === Gender.MALE ? MALE_GIVEN : FEMALE_GIVEN);
  const family = random.chance(0.75) ? random.pick(PAPUAN_FAMILY) : random.pick(OTHER_FAMILY);
  return { name: `${given} ${family}`, gender: g };
}

/** A plausible work email: given.family<n>@jayawijayakab.go.id, unique through the counter. */
export function workEmail(name: string, n: number): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');
  return `${slug}${n}@jayawijayakab.go.id`;
}
