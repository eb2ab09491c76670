import { UnitKind } from '../modules/unit/unit-kind';
import { IndicatorAspect, Perspective } from '../modules/work-plan/work-plan-enums';

/** An indicator of a seeded plan; `target` is a range the generator picks from. */
export interface IndicatorTemplate {
  text: string;
  aspect: IndicatorAspect;
  target: [number, number];
  unit: string;
  perspective?: Perspective;
}

export interface ResultTemplate {
  text: string;
  indicators: IndicatorTemplate[];
}

const Q = IndicatorAspect.QUANTITY;
const QL = IndicatorAspect.QUALITY;
const T = IndicatorAspect.TIME;

/** The heads of the agencies (JPT): results from the performance agreement, each IKI with a perspective. */
export const JPT_RESULTS: Record<string, ResultTemplate[]> = {
  'JWY-DINKES': [
    {
      text: 'Meningkatnya derajat kesehatan ibu dan anak di Kabupaten Jayawijaya',
      indicators: [
        {
          text: 'Cakupan imunisasi dasar lengkap pada bayi',
          aspect: Q,
          target: [95, 95],
          unit: '%',
          perspective: Perspective.PENERIMA_LAYANAN,
        },
        {
          text: 'Cakupan kunjungan antenatal K6 ibu hamil',
          aspect: Q,
          target: [90, 90],
          unit: '%',
          perspective: Perspective.PENERIMA_LAYANAN,
        },
      ],
    },
    {
      text: 'Terwujudnya tata kelola Dinas Kesehatan yang akuntabel',
      indicators: [
        {
          text: 'Nilai evaluasi SAKIP Dinas Kesehatan',
          aspect: QL,
          target: [70, 70],
          unit: 'poin',
          perspective: Perspective.PENGUATAN_INTERNAL,
        },
        {
          text: 'Realisasi anggaran belanja kesehatan',
          aspect: Q,
          target: [95, 95],
          unit: '%',
          perspective: Perspective.ANGGARAN,
        },
      ],
    },
  ],
  'JWY-DISDIK': [
    {
      text: 'Meningkatnya mutu dan akses pendidikan dasar di Kabupaten Jayawijaya',
      indicators: [
        {
          text: 'Persentase sekolah dasar yang menerapkan Kurikulum Merdeka',
          aspect: Q,
          target: [80, 80],
          unit: '%',
          perspective: Perspective.PROSES_BISNIS,
        },
        {
          text: 'Rata-rata kehadiran siswa sekolah dasar',
          aspect: Q,
          target: [90, 90],
          unit: '%',
          perspective: Perspective.PENERIMA_LAYANAN,
        },
      ],
    },
    {
      text: 'Meningkatnya kompetensi pendidik',
      indicators: [
        {
          text: 'Persentase guru yang mengikuti pelatihan Kurikulum Merdeka',
          aspect: Q,
          target: [75, 75],
          unit: '%',
          perspective: Perspective.PENGUATAN_INTERNAL,
        },
        {
          text: 'Realisasi anggaran pendidikan',
          aspect: Q,
          target: [95, 95],
          unit: '%',
          perspective: Perspective.ANGGARAN,
        },
      ],
    },
  ],
  'JWY-SETDA': [
    {
      text: 'Meningkatnya kualitas pelayanan publik di distrik',
      indicators: [
        {
          text: 'Indeks kepuasan masyarakat atas layanan distrik',
          aspect: QL,
          target: [80, 80],
          unit: 'poin',
          perspective: Perspective.PENERIMA_LAYANAN,
        },
        {
          text: 'Persentase dokumen dan izin selesai dalam standar waktu layanan',
          aspect: T,
          target: [90, 90],
          unit: '%',
          perspective: Perspective.PROSES_BISNIS,
        },
      ],
    },
    {
      text: 'Terwujudnya koordinasi pemerintahan daerah yang efektif',
      indicators: [
        {
          text: 'Persentase rekomendasi rapat koordinasi yang ditindaklanjuti',
          aspect: Q,
          target: [85, 85],
          unit: '%',
          perspective: Perspective.PROSES_BISNIS,
        },
        {
          text: 'Realisasi anggaran Sekretariat Daerah',
          aspect: Q,
          target: [95, 95],
          unit: '%',
          perspective: Perspective.ANGGARAN,
        },
      ],
    },
  ],
  'JWY-BKPSDM': [
    {
      text: 'Meningkatnya kualitas manajemen kinerja ASN',
      indicators: [
        {
          text: 'Persentase ASN yang SKP-nya disetujui tepat waktu',
          aspect: T,
          target: [95, 95],
          unit: '%',
          perspective: Perspective.PROSES_BISNIS,
        },
        {
          text: 'Persentase data kepegawaian yang mutakhir',
          aspect: QL,
          target: [98, 98],
          unit: '%',
          perspective: Perspective.PENGUATAN_INTERNAL,
        },
      ],
    },
    {
      text: 'Meningkatnya kompetensi ASN daerah',
      indicators: [
        {
          text: 'Persentase ASN yang mengikuti pengembangan kompetensi 20 JP',
          aspect: Q,
          target: [70, 70],
          unit: '%',
          perspective: Perspective.PENGUATAN_INTERNAL,
        },
        {
          text: 'Realisasi anggaran BKPSDM',
          aspect: Q,
          target: [95, 95],
          unit: '%',
          perspective: Perspective.ANGGARAN,
        },
      ],
    },
  ],
};

/** The results of heads and staff, by the kind of unit they work in: each main result cascades from the supervisor's. */
export const STAFF_RESULTS: Partial<Record<UnitKind, { head: ResultTemplate[]; staff: ResultTemplate[] }>> = {
  [UnitKind.HEALTH_CENTRE]: {
    head: [
      {
        text: 'Tercapainya cakupan imunisasi dasar lengkap di wilayah kerja {unit}',
        indicators: [
          { text: 'Cakupan imunisasi dasar lengkap bayi di wilayah kerja', aspect: Q, target: [95, 95], unit: '%' },
          {
            text: 'Persentase posyandu yang melaksanakan imunisasi tiap bulan',
            aspect: Q,
            target: [90, 100],
            unit: '%',
          },
        ],
      },
      {
        text: 'Tercapainya kunjungan antenatal K6 di wilayah kerja {unit}',
        indicators: [
          { text: 'Cakupan kunjungan K6 ibu hamil', aspect: Q, target: [85, 90], unit: '%' },
          { text: 'Laporan KIA bulanan dikirim tepat waktu', aspect: T, target: [12, 12], unit: 'laporan' },
        ],
      },
    ],
    staff: [
      {
        text: 'Terlaksananya pelayanan imunisasi dasar bagi bayi di wilayah kerja {unit}',
        indicators: [
          { text: 'Jumlah bayi yang mendapat imunisasi dasar lengkap', aspect: Q, target: [20, 60], unit: 'bayi' },
          { text: 'Persentase pencatatan imunisasi yang lengkap dan benar', aspect: QL, target: [95, 100], unit: '%' },
        ],
      },
      {
        text: 'Terlaksananya pemeriksaan kehamilan sesuai standar',
        indicators: [
          { text: 'Jumlah ibu hamil yang mendapat pemeriksaan antenatal', aspect: Q, target: [15, 50], unit: 'orang' },
          { text: 'Rujukan ibu hamil risiko tinggi dalam 1x24 jam', aspect: T, target: [100, 100], unit: '%' },
        ],
      },
    ],
  },
  [UnitKind.SCHOOL]: {
    head: [
      {
        text: 'Terlaksananya Kurikulum Merdeka di {unit}',
        indicators: [
          {
            text: 'Persentase rombongan belajar yang menggunakan modul ajar Kurikulum Merdeka',
            aspect: Q,
            target: [80, 100],
            unit: '%',
          },
          { text: 'Supervisi akademik guru', aspect: Q, target: [2, 2], unit: 'kali per guru' },
        ],
      },
      {
        text: 'Meningkatnya kehadiran siswa di {unit}',
        indicators: [
          { text: 'Rata-rata kehadiran siswa', aspect: Q, target: [85, 92], unit: '%' },
          { text: 'Rekap kehadiran bulanan dilaporkan tepat waktu', aspect: T, target: [12, 12], unit: 'laporan' },
        ],
      },
    ],
    staff: [
      {
        text: 'Terlaksananya pembelajaran Kurikulum Merdeka di kelas',
        indicators: [
          { text: 'Modul ajar yang disusun', aspect: Q, target: [8, 16], unit: 'modul' },
          { text: 'Persentase asesmen formatif yang dilaksanakan', aspect: QL, target: [90, 100], unit: '%' },
        ],
      },
      {
        text: 'Meningkatnya kehadiran siswa di kelas yang diampu',
        indicators: [
          { text: 'Rata-rata kehadiran siswa di kelas', aspect: Q, target: [85, 95], unit: '%' },
          { text: 'Kunjungan rumah siswa yang sering absen', aspect: Q, target: [4, 12], unit: 'kunjungan' },
        ],
      },
    ],
  },
  [UnitKind.DISTRICT_OFFICE]: {
    head: [
      {
        text: 'Meningkatnya pelayanan administrasi kependudukan dan perizinan di {unit}',
        indicators: [
          {
            text: 'Persentase dokumen dan izin selesai dalam standar waktu layanan',
            aspect: T,
            target: [90, 95],
            unit: '%',
          },
          { text: 'Pengaduan layanan yang ditindaklanjuti', aspect: Q, target: [100, 100], unit: '%' },
        ],
      },
      {
        text: 'Terselenggaranya pemerintahan distrik yang tertib',
        indicators: [
          { text: 'Laporan penyelenggaraan pemerintahan distrik', aspect: Q, target: [4, 4], unit: 'laporan' },
          {
            text: 'Musyawarah perencanaan pembangunan kampung yang difasilitasi',
            aspect: Q,
            target: [5, 12],
            unit: 'kampung',
          },
        ],
      },
    ],
    staff: [
      {
        text: 'Terselesaikannya permohonan izin dan dokumen sesuai standar waktu layanan',
        indicators: [
          { text: 'Dokumen dan izin yang diproses', aspect: Q, target: [120, 400], unit: 'dokumen' },
          { text: 'Persentase dokumen selesai dalam 3 hari kerja', aspect: T, target: [90, 100], unit: '%' },
        ],
      },
      {
        text: 'Tertibnya administrasi pelayanan distrik',
        indicators: [
          { text: 'Buku register layanan yang dimutakhirkan', aspect: Q, target: [12, 12], unit: 'bulan' },
          { text: 'Persentase arsip layanan yang tertata', aspect: QL, target: [90, 100], unit: '%' },
        ],
      },
    ],
  },
};

/** For everyone else: results that fit any office. */
export const GENERIC_RESULTS: ResultTemplate[] = [
  {
    text: 'Terlaksananya tugas {position} sesuai standar',
    indicators: [
      { text: 'Kegiatan yang dilaksanakan sesuai rencana', aspect: Q, target: [12, 48], unit: 'kegiatan' },
      { text: 'Persentase hasil kerja tanpa revisi', aspect: QL, target: [85, 100], unit: '%' },
    ],
  },
  {
    text: 'Tersusunnya laporan kerja {position}',
    indicators: [
      { text: 'Laporan bulanan yang disampaikan tepat waktu', aspect: T, target: [12, 12], unit: 'laporan' },
      { text: 'Data pendukung yang dimutakhirkan', aspect: Q, target: [4, 12], unit: 'dokumen' },
    ],
  },
];

export const ADDITIONAL_RESULT: ResultTemplate = {
  text: 'Melaksanakan tugas tambahan yang diberikan pimpinan',
  indicators: [{ text: 'Tugas tambahan yang diselesaikan', aspect: Q, target: [2, 6], unit: 'tugas' }],
};
