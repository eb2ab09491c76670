/**
 * The managerial and socio-cultural competencies of the national ASN competency standard (PermenPANRB 38/2017),
 * levels 1–5 with their behaviour indicators, as the reference data the competency migration inserts.
 * Frozen with that migration: a later change to the standard is a new migration, never an edit here.
 */
export interface NationalCompetencyLevel {
  level: number;
  description: string;
  indicators: string[];
}

export interface NationalCompetency {
  code: string;
  name: string;
  type: 'MANAGERIAL' | 'SOCIO_CULTURAL';
  description: string;
  levels: NationalCompetencyLevel[];
}

export const NATIONAL_COMPETENCIES: readonly NationalCompetency[] = [
  {
    code: 'M-INT',
    name: 'Integritas',
    type: 'MANAGERIAL',
    description:
      'Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, dan jujur dalam hubungan dengan manajemen, rekan kerja, bawahan langsung, dan pemangku kepentingan, menciptakan budaya etika tinggi, bertanggungjawab atas tindakan atau keputusan beserta risiko yang menyertainya.',
    levels: [
      {
        level: 1,
        description: 'Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi.',
        indicators: [
          'Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta.',
          'Melaksanakan peraturan, kode etik organisasi dalam lingkungan kerja sehari-hari, pada tataran individu/pribadi.',
          'Tidak menjanjikan/memberikan sesuatu yang bertentangan dengan aturan organisasi.',
        ],
      },
      {
        level: 2,
        description: 'Mampu mengingatkan, mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan etika organisasi.',
        indicators: [
          'Mengingatkan rekan kerja untuk bertindak sesuai dengan nilai, norma, dan etika organisasi.',
          'Ikut mengajak orang lain untuk bertindak sesuai etika dan kode etik.',
        ],
      },
      {
        level: 3,
        description: 'Mampu memastikan, menanamkan keyakinan bersama agar anggota yang dipimpin bertindak sesuai nilai, norma, dan etika organisasi, dalam lingkup formal.',
        indicators: [
          'Memastikan anggota yang dipimpin bertindak sesuai dengan nilai, norma, dan etika organisasi.',
          'Mampu untuk memberi apresiasi dan teguran bagi anggota yang dipimpin agar bertindak selaras dengan nilai, norma, dan etika organisasi.',
          'Melakukan monitoring dan evaluasi terhadap penerapan sikap integritas di dalam unit kerja yang dipimpin.',
        ],
      },
      {
        level: 4,
        description: 'Mampu menciptakan situasi kerja yang membuat rekan kerja, anggota yang dipimpin, dan pemangku kepentingan bertindak sesuai nilai, norma, dan etika organisasi.',
        indicators: [
          'Menciptakan situasi kerja yang membuat rekan kerja, anggota yang dipimpin, dan pemangku kepentingan bertindak sesuai dengan nilai, norma, dan etika organisasi.',
          'Tetap konsisten mempertahankan nilai, norma, dan etika organisasi dalam situasi sulit.',
          'Mengembangkan dan menerapkan sistem yang menjaga integritas di instansinya.',
        ],
      },
      {
        level: 5,
        description: 'Mampu menjadi role model dan keteladanan dalam penerapan standar keadilan dan etika di tingkat nasional.',
        indicators: [
          'Mempertahankan tingkat standar keadilan dan etika yang tinggi dalam perkataan dan tindakan sehari-hari yang dipatuhi oleh seluruh pemangku kepentingan, lingkup instansi yang dipimpinnya.',
          'Menjadi role model keteladanan dalam penerapan standar keadilan dan etika yang tinggi di tingkat nasional.',
          'Membuat konsep kebijakan dan strategi penerapan sikap integritas dalam pelaksanaan tugas dan norma-norma yang sejalan dengan nilai strategis organisasi.',
        ],
      },
    ],
  },
  {
    code: 'M-KS',
    name: 'Kerja Sama',
    type: 'MANAGERIAL',
    description:
      'Kemampuan menjalin, membina, mempertahankan hubungan kerja yang efektif, memiliki komitmen saling membantu dalam penyelesaian tugas, dan mengoptimalkan segala sumberdaya untuk mencapai tujuan strategis organisasi.',
    levels: [
      {
        level: 1,
        description: 'Berpartisipasi sebagai anggota tim yang baik, melakukan tugas/bagiannya, dan mendukung keputusan tim.',
        indicators: [
          'Melaksanakan tugas sesuai kesepakatan.',
          'Bersedia membantu orang lain dalam tim.',
          'Berbagi informasi yang relevan atau bermanfaat pada anggota tim.',
        ],
      },
      {
        level: 2,
        description: 'Menumbuhkan tim kerja yang partisipatif dan efektif.',
        indicators: [
          'Membantu orang lain dalam menyelesaikan tugas-tugas mereka untuk mendukung sasaran tim.',
          'Berbagi pengalaman, pengetahuan, dan sumber daya dengan anggota tim.',
          'Mendukung keputusan tim atau kelompok walaupun tidak sependapat.',
        ],
      },
      {
        level: 3,
        description: 'Efektif membangun tim kerja untuk peningkatan kinerja organisasi.',
        indicators: [
          'Melihat kekuatan/kelemahan anggota tim, membentuk tim yang tepat, mengantisipasi kemungkinan hambatan, dan mencari solusi yang optimal.',
          'Mengupayakan dan mengutamakan pengambilan keputusan berdasarkan usulan-usulan anggota tim/kelompok.',
          'Membangun aliansi dengan para pemangku kepentingan dalam rangka mendukung penyelesaian target kerja kelompok.',
        ],
      },
      {
        level: 4,
        description: 'Membangun komitmen tim, sinergi.',
        indicators: [
          'Membangun sinergi antar unit kerja di lingkup instansi yang dipimpin.',
          'Memfasilitasi kepentingan yang berbeda dari unit kerja lain sehingga tercipta sinergi dalam rangka pencapaian target kerja organisasi.',
          'Mengembangkan sistem yang menghargai kerja sama antar unit, memberikan dukungan/semangat untuk memastikan tercapainya sinergi dalam rangka pencapaian target kerja organisasi.',
        ],
      },
      {
        level: 5,
        description: 'Menciptakan situasi kerja sama secara konsisten, baik di dalam maupun di luar instansi.',
        indicators: [
          'Menciptakan hubungan kerja yang konstruktif dengan menerapkan norma yang positif untuk mencapai tujuan strategis organisasi.',
          'Menciptakan perubahan dalam organisasi dengan menerapkan norma kerja sama untuk membangun sinergi.',
          'Membangun kerja sama dengan instansi lain dan para pemangku kepentingan di tingkat nasional.',
        ],
      },
    ],
  },
  {
    code: 'M-KOM',
    name: 'Komunikasi',
    type: 'MANAGERIAL',
    description:
      'Kemampuan untuk menerangkan pandangan dan gagasan secara jelas, sistematis disertai argumentasi yang logis dengan cara-cara yang sesuai baik secara lisan maupun tertulis; memastikan pemahaman; mendengarkan secara aktif dan efektif; mempersuasi, meyakinkan dan membujuk orang lain dalam rangka mencapai tujuan organisasi.',
    levels: [
      {
        level: 1,
        description: 'Menyampaikan informasi dengan jelas, lengkap, pemahaman yang sama.',
        indicators: [
          'Menyampaikan informasi (data), pikiran atau pendapat dengan jelas, singkat dan tepat dengan menggunakan cara/media yang sesuai dan mudah dipahami.',
          'Memberikan kesempatan kepada orang lain untuk menyampaikan informasi.',
          'Mendengarkan dengan aktif untuk memastikan pemahaman yang sama.',
        ],
      },
      {
        level: 2,
        description: 'Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan orang lain, menginterpretasikan pesan dengan respon yang sesuai, mampu menyusun materi presentasi, pidato, naskah, laporan.',
        indicators: [
          'Menggunakan gaya komunikasi informal untuk meningkatkan hubungan profesional.',
          'Mendengarkan pihak lain secara aktif; menangkap dan menginterpretasikan pesan-pesan dari orang lain, serta memberikan respon yang sesuai.',
          'Membuat materi presentasi, pidato, draft naskah, laporan yang mudah dipahami sesuai dengan audiens.',
        ],
      },
      {
        level: 3,
        description: 'Berkomunikasi secara asertif, terampil berkomunikasi lisan/tertulis untuk menyampaikan informasi yang sensitif/rumit/kompleks.',
        indicators: [
          'Menyampaikan suatu informasi yang sensitif/rumit dengan cara penyampaian dan kondisi yang tepat, sehingga dapat dipahami dan diterima oleh pihak terkait.',
          'Menyederhanakan topik yang rumit dan sensitif sehingga lebih mudah dipahami dan diterima orang lain.',
          'Membuat laporan tahunan/periodik/naskah/dokumen/proposal yang kompleks.',
        ],
      },
      {
        level: 4,
        description: 'Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk mendorong kesepakatan dengan tujuan meningkatkan kinerja secara keseluruhan.',
        indicators: [
          'Mengintegrasikan informasi-informasi penting hasil diskusi dengan pihak lain untuk mendapatkan pemahaman yang sama.',
          'Berbagi informasi dengan pemangku kepentingan untuk tujuan meningkatkan kinerja secara keseluruhan.',
          'Menuangkan pemikiran/konsep yang multidimensi dalam bentuk tulisan formal.',
        ],
      },
      {
        level: 5,
        description: 'Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi dengan tujuan meningkatkan kinerja.',
        indicators: [
          'Menggagas sistem komunikasi dengan melibatkan pemangku kepentingan sehingga terjadi komunikasi yang produktif dan terbuka untuk mendapatkan solusi.',
          'Menciptakan kondisi yang mendorong pertukaran informasi yang strategis untuk memperbaiki kinerja organisasi.',
          'Mewakili organisasi dalam berkomunikasi di tingkat nasional dan internasional.',
        ],
      },
    ],
  },
  {
    code: 'M-OH',
    name: 'Orientasi pada Hasil',
    type: 'MANAGERIAL',
    description:
      'Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat diandalkan, bertanggung jawab, mampu secara sistematis mengidentifikasi risiko dan peluang dengan memperhatikan keterhubungan antara perencanaan dan hasil, untuk keberhasilan organisasi.',
    levels: [
      {
        level: 1,
        description: 'Bertanggung jawab untuk memenuhi standar kerja.',
        indicators: [
          'Menyelesaikan tugas dengan tuntas; dapat diandalkan.',
          'Bekerja dengan teliti dan hati-hati guna meminimalkan kesalahan dengan mengacu pada standar kualitas (SOP).',
          'Bersedia menerima masukan, mengikuti contoh cara bekerja yang lebih efektif, efisien di lingkungan kerjanya.',
        ],
      },
      {
        level: 2,
        description: 'Berupaya meningkatkan hasil kerja pribadi yang lebih tinggi dari standar yang ditetapkan, mencari, mencoba metode alternatif untuk peningkatan kinerja.',
        indicators: [
          'Menetapkan dan berupaya mencapai standar kerja pribadi yang lebih tinggi dari standar kerja yang ditetapkan organisasi.',
          'Mencari, mencoba metode kerja alternatif untuk meningkatkan hasil kerjanya.',
          'Memberi contoh kepada orang-orang di unit kerjanya untuk mencoba menerapkan metode kerja yang lebih efektif dan efisien.',
        ],
      },
      {
        level: 3,
        description: 'Menetapkan target kerja yang menantang bagi unit kerja, memberi apresiasi dan teguran untuk mendorong kinerja.',
        indicators: [
          'Menetapkan target kinerja unit yang lebih tinggi dari target yang ditetapkan organisasi.',
          'Memberikan apresiasi dan teguran untuk mendorong pencapaian hasil unit kerjanya.',
          'Mengembangkan metode kerja yang lebih efektif dan efisien untuk mencapai target kerja unitnya.',
        ],
      },
      {
        level: 4,
        description: 'Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja sebelumnya.',
        indicators: [
          'Mendorong unit kerja di tingkat instansi untuk mencapai kinerja yang melebihi target yang ditetapkan.',
          'Memantau dan mengevaluasi hasil kerja unitnya agar selaras dengan sasaran strategis instansi.',
          'Mendorong pemanfaatan sumber daya bersama antar unit kerja dalam lingkup instansi guna meningkatkan efektivitas dan efisiensi pencapaian target organisasi.',
        ],
      },
      {
        level: 5,
        description: 'Kemampuan menyusun kebijakan dengan target kinerja organisasi yang tinggi, berdampak nasional.',
        indicators: [
          'Menciptakan suasana kerja yang mendorong pencapaian kinerja organisasi yang tinggi.',
          'Menetapkan kebijakan dengan target kinerja organisasi yang tinggi dan berdampak pada tingkat nasional.',
          'Memberi dukungan dan menciptakan sistem yang membuat inovasi dan terobosan bagi kemajuan organisasi.',
        ],
      },
    ],
  },
  {
    code: 'M-PP',
    name: 'Pelayanan Publik',
    type: 'MANAGERIAL',
    description:
      'Kemampuan dalam melaksanakan tugas-tugas pemerintahan, pembangunan dan kegiatan pemenuhan kebutuhan pelayanan publik secara profesional, transparan, mengikuti standar pelayanan yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik.',
    levels: [
      {
        level: 1,
        description: 'Menjalankan tugas mengikuti standar pelayanan.',
        indicators: [
          'Mampu mengerjakan tugas-tugas dengan mengikuti standar pelayanan yang objektif, netral, tidak memihak, tidak diskriminatif, transparan, dan tidak terpengaruh kepentingan pribadi.',
          'Mampu memberikan informasi yang jelas dan tepat kepada penerima layanan.',
        ],
      },
      {
        level: 2,
        description: 'Mampu mensupervisi/mengawasi/menyelia dan menjelaskan proses pelaksanaan tugas-tugas pemerintahan/pelayanan publik secara transparan.',
        indicators: [
          'Mampu mensupervisi/mengawasi/menyelia dan menjelaskan proses pelaksanaan tugas secara transparan.',
          'Mampu mengatasi masalah yang dihadapi penerima layanan secara tepat.',
        ],
      },
      {
        level: 3,
        description: 'Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik di lingkup unit kerja.',
        indicators: [
          'Memahami, mendeskripsikan pengaruh dan hubungan/kekuatan kelompok yang sedang berjalan di organisasi.',
          'Mampu memperbaiki standar pelayanan publik di lingkup unit kerja.',
          'Mampu memberikan masukan dan mengupayakan perbaikan atas kendala pelayanan publik.',
        ],
      },
      {
        level: 4,
        description: 'Mampu memonitor, mengevaluasi, memperhitungkan dan mengantisipasi dampak dari isu-isu jangka panjang, kesempatan, atau kekuatan politik dalam hal pelayanan kebutuhan pemangku kepentingan yang transparan, objektif, dan profesional.',
        indicators: [
          'Memastikan kebijakan-kebijakan pelayanan publik yang menjamin terselenggaranya pelayanan publik yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik.',
          'Menerapkan strategi jangka panjang yang berfokus pada pemenuhan kebutuhan pemangku kepentingan dalam menyusun kebijakan dengan mengikuti standar objektif, netral, tidak memihak, tidak diskriminatif, transparan, dan tidak terpengaruh kepentingan pribadi/kelompok/partai politik.',
          'Melakukan evaluasi berkala atas penyelenggaraan pelayanan publik di lingkup instansi.',
        ],
      },
      {
        level: 5,
        description: 'Mampu menciptakan kebijakan pelayanan publik yang menjamin terselenggaranya pelayanan yang transparan, objektif, dan profesional di tingkat nasional.',
        indicators: [
          'Menciptakan kebijakan pelayanan publik yang menjamin terselenggaranya pelayanan yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik.',
          'Menjadi teladan dalam penyelenggaraan pelayanan publik yang transparan dan profesional.',
        ],
      },
    ],
  },
  {
    code: 'M-PDO',
    name: 'Pengembangan Diri dan Orang Lain',
    type: 'MANAGERIAL',
    description:
      'Kemampuan untuk meningkatkan pengetahuan dan menyempurnakan keterampilan diri; menginspirasi orang lain untuk mengembangkan dan menyempurnakan pengetahuan dan keterampilan yang relevan dengan pekerjaan dan pengembangan karir jangka panjang, mendorong kemauan belajar sepanjang hidup, memberikan saran/bantuan, umpan balik, bimbingan untuk membantu orang lain untuk mengembangkan potensi dirinya.',
    levels: [
      {
        level: 1,
        description: 'Pengembangan diri.',
        indicators: [
          'Mengidentifikasi kebutuhan pengembangan diri dan menyeleksi sumber serta metodologi pembelajaran yang diperlukan.',
          'Menunjukkan usaha mandiri untuk mempelajari keterampilan atau kemampuan baru dari berbagai media pembelajaran.',
          'Berupaya meningkatkan diri dengan belajar dari orang-orang lain yang berwawasan luas di dalam organisasi.',
        ],
      },
      {
        level: 2,
        description: 'Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara melaksanakan suatu pekerjaan.',
        indicators: [
          'Meningkatkan kemampuan bawahan dengan memberikan contoh, instruksi, penjelasan dan petunjuk praktis yang jelas kepada bawahan dalam menyelesaikan suatu pekerjaan.',
          'Membantu bawahan untuk mempelajari proses, program atau sistem baru.',
          'Menggunakan metode lain untuk meyakinkan bawahan bahwa mereka telah memahami instruksi atau penjelasan.',
        ],
      },
      {
        level: 3,
        description: 'Memberikan umpan balik, membimbing.',
        indicators: [
          'Memberikan tugas-tugas yang menantang pada bawahan sebagai media belajar untuk mengembangkan kemampuannya.',
          'Mengamati bawahan dalam mengerjakan tugasnya dan memberikan umpan balik yang objektif dan jujur; melakukan diskusi dengan bawahan untuk memberikan bimbingan dan umpan balik yang berguna bagi bawahan.',
          'Mendorong kepercayaan diri bawahan; memberikan kepercayaan penuh pada bawahan untuk mengerjakan tugas dengan caranya sendiri.',
        ],
      },
      {
        level: 4,
        description: 'Menyusun program pengembangan jangka panjang dalam rangka mendorong manajemen pembelajaran.',
        indicators: [
          'Menyusun program pengembangan jangka panjang bersama-sama dengan bawahan, termasuk didalamnya penetapan tujuan, bimbingan, penugasan dan pengalaman lainnya, serta mengalokasikan waktu untuk mengikuti pelatihan/pendidikan/pengembangan kompetensi dan karir.',
          'Melaksanakan manajemen pembelajaran termasuk evaluasi dan umpan balik pada tataran organisasi.',
          'Mengembangkan orang-orang disekitarnya secara konsisten, melakukan kaderisasi untuk posisi-posisi di unit kerjanya.',
        ],
      },
      {
        level: 5,
        description: 'Menciptakan situasi yang mendorong organisasi untuk mengembangkan kemampuan belajar secara berkelanjutan dalam rangka mendukung pencapaian hasil.',
        indicators: [
          'Menciptakan situasi yang mendorong individu, kelompok, unit kerja untuk mengembangkan kemampuan belajar secara berkelanjutan di tingkat instansi.',
          'Merekomendasikan/memberikan bantuan, sumber daya, dan kebijakan pengembangan yang dibutuhkan untuk peningkatan kemampuan organisasi.',
          'Memimpin upaya penerapan organisasi pembelajar di lingkup instansi.',
        ],
      },
    ],
  },
  {
    code: 'M-MP',
    name: 'Mengelola Perubahan',
    type: 'MANAGERIAL',
    description:
      'Kemampuan dalam menyesuaikan diri dengan situasi yang baru atau berubah dan tidak bergantung secara berlebihan pada metode dan proses lama, mengambil tindakan untuk mendukung dan melaksanakan insiatif perubahan, memimpin usaha perubahan, mengambil tanggung jawab pribadi untuk memastikan perubahan berhasil diimplementasikan secara efektif.',
    levels: [
      {
        level: 1,
        description: 'Mengikuti perubahan dengan arahan.',
        indicators: [
          'Sadar mengenai perubahan yang terjadi di organisasi dan berusaha menyesuaikan diri dengan perubahan tersebut.',
          'Mengikuti perubahan secara terbuka sesuai petunjuk/pedoman.',
          'Menyesuaikan cara kerja lama dengan menerapkan metode/proses baru dengan bimbingan orang lain.',
        ],
      },
      {
        level: 2,
        description: 'Proaktif beradaptasi mengikuti perubahan.',
        indicators: [
          'Menyesuaikan cara kerja lama dengan menerapkan metode/proses baru selaras dengan ketentuan yang berlaku tanpa arahan orang lain.',
          'Mengembangkan kemampuan diri untuk menghadapi perubahan.',
          'Cepat dan tanggap dalam menerima perubahan.',
        ],
      },
      {
        level: 3,
        description: 'Membantu orang lain mengikuti perubahan, mengantisipasi perubahan secara tepat.',
        indicators: [
          'Membantu orang lain dalam melakukan perubahan.',
          'Menyesuaikan prioritas kerja secara berulang-ulang jika diperlukan.',
          'Mengantisipasi perubahan yang dibutuhkan oleh unit kerjanya secara tepat; memberikan solusi efektif terhadap masalah yang ditimbulkan oleh adanya perubahan.',
        ],
      },
      {
        level: 4,
        description: 'Memimpin perubahan pada unit kerja.',
        indicators: [
          'Mengarahkan unit kerja untuk lebih siap dalam menghadapi perubahan termasuk memitigasi risiko yang mungkin terjadi.',
          'Memastikan perubahan sudah diterapkan secara aktif di lingkup unit kerja yang dipimpinnya secara berkala.',
          'Memimpin dan memastikan penerapan program-program perubahan selaras antar unit kerja.',
        ],
      },
      {
        level: 5,
        description: 'Memimpin, menggerakkan dan mengevaluasi perubahan secara menyeluruh sehingga menciptakan dampak yang signifikan.',
        indicators: [
          'Membuat kebijakan-kebijakan yang mendorong perubahan yang berdampak pada keseluruhan instansi.',
          'Menggerakkan organisasi untuk mengimplementasikan perubahan.',
          'Mengevaluasi dampak perubahan terhadap pencapaian kinerja organisasi.',
        ],
      },
    ],
  },
  {
    code: 'M-PK',
    name: 'Pengambilan Keputusan',
    type: 'MANAGERIAL',
    description:
      'Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri setelah mempertimbangkan prinsip kehati-hatian, dirumuskan secara sistematis dan seksama berdasarkan berbagai informasi, alternatif pemecahan masalah dan konsekuensinya, serta bertanggung jawab atas keputusan yang diambil.',
    levels: [
      {
        level: 1,
        description: 'Mengumpulkan informasi untuk bertindak sesuai kewenangan.',
        indicators: [
          'Mengumpulkan dan mempertimbangkan informasi yang dibutuhkan dalam mencari solusi.',
          'Mengenali situasi/pilihan yang tepat untuk bertindak sesuai kewenangan.',
          'Mempertimbangkan kemungkinan solusi yang dapat diterapkan dalam pekerjaan rutin berdasarkan kebijakan dan prosedur yang telah ditentukan.',
        ],
      },
      {
        level: 2,
        description: 'Menganalisis masalah secara mendalam.',
        indicators: [
          'Melakukan analisis secara mendalam terhadap informasi yang tersedia dalam upaya mencari solusi.',
          'Mempertimbangkan berbagai alternatif yang ada sebelum membuat kesimpulan.',
          'Membuat keputusan operasional berdasarkan kesimpulan dari berbagai sumber informasi sesuai dengan pedoman yang ada.',
        ],
      },
      {
        level: 3,
        description: 'Membandingkan berbagai alternatif, menyeimbangkan risiko keberhasilan dalam implementasi.',
        indicators: [
          'Membandingkan berbagai alternatif tindakan dan implikasinya.',
          'Memilih alternatif solusi yang terbaik, membuat keputusan operasional mengacu pada alternatif solusi terbaik yang didasarkan pada analisis data yang sistematis, seksama, mengikuti prinsip kehati-hatian.',
          'Menyeimbangkan antara kemungkinan risiko dan keberhasilan dalam implementasinya.',
        ],
      },
      {
        level: 4,
        description: 'Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak keputusan, membuat tindakan pengamanan; mitigasi risiko.',
        indicators: [
          'Menyusun dan/atau memutuskan konsep penyelesaian masalah yang melibatkan beberapa/seluruh fungsi dalam organisasi.',
          'Menghasilkan solusi dari berbagai masalah yang kompleks, terkait dengan bidang kerjanya yang berdampak pada pihak lain.',
          'Membuat keputusan dan mengantisipasi dampak keputusannya serta menyiapkan tindakan penanganannya (mitigasi risiko).',
        ],
      },
      {
        level: 5,
        description: 'Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka panjang/strategis, berdampak nasional.',
        indicators: [
          'Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka panjang/strategis yang berdampak nasional.',
          'Membuat kebijakan yang berdampak nasional dengan memitigasi risiko yang mungkin timbul.',
        ],
      },
    ],
  },
  {
    code: 'SK-PB',
    name: 'Perekat Bangsa',
    type: 'SOCIO_CULTURAL',
    description:
      'Kemampuan dalam mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan individu/kelompok masyarakat; mampu menjadi perpanjangan tangan pemerintah dalam mempersatukan masyarakat dan membangun hubungan sosial psikologis dengan masyarakat di tengah kemajemukan Indonesia sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku kepentingan serta diantara para pemangku kepentingan itu sendiri; menjaga, mengembangkan, dan mewujudkan rasa persatuan dan kesatuan dalam kehidupan bermasyarakat, berbangsa dan bernegara Indonesia.',
    levels: [
      {
        level: 1,
        description: 'Peka memahami dan menerima kemajemukan.',
        indicators: [
          'Mampu memahami, menerima, peka terhadap perbedaan individu/kelompok masyarakat.',
          'Terbuka, ingin belajar tentang perbedaan/kemajemukan masyarakat.',
          'Mampu bekerja bersama dengan individu yang berbeda latar belakang dengannya.',
        ],
      },
      {
        level: 2,
        description: 'Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan.',
        indicators: [
          'Menampilkan sikap dan perilaku yang peduli akan nilai-nilai keberagaman dan menghargai perbedaan.',
          'Membangun hubungan baik antar individu dalam organisasi, mitra kerja, pemangku kepentingan.',
          'Bersikap tenang, mampu mengendalikan emosi, kemarahan dan frustasi dalam menghadapi pertentangan yang ditimbulkan oleh perbedaan latar belakang, agama/kepercayaan, suku, jender, sosial ekonomi, preferensi politik di lingkungan unit kerjanya.',
        ],
      },
      {
        level: 3,
        description: 'Mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan.',
        indicators: [
          'Mempromosikan, mengembangkan sikap toleransi dan persatuan.',
          'Mampu mengidentifikasi potensi kesalahpahaman yang diakibatkan adanya keragaman budaya yang ada.',
          'Menginisiasi dan merepresentasikan pemerintah di lingkungan kerja dan masyarakat untuk senantiasa menjaga persatuan dan kesatuan dalam keberagaman dan menerima segala bentuk perbedaan dalam kehidupan bermasyarakat.',
        ],
      },
      {
        level: 4,
        description: 'Mendayagunakan perbedaan secara konstruktif dan kreatif untuk meningkatkan efektivitas organisasi.',
        indicators: [
          'Menginisiasi dan merepresentasikan pemerintah di lingkungan kerja dan masyarakat untuk senantiasa menjaga persatuan dan kesatuan dalam keberagaman dan menerima segala bentuk perbedaan dalam kehidupan bermasyarakat.',
          'Mampu mendayagunakan perbedaan latar belakang, agama/kepercayaan, suku, jender, sosial ekonomi, preferensi politik untuk mencapai kelancaran pencapaian tujuan organisasi.',
          'Mampu membuat program yang mengakomodasi perbedaan latar belakang, agama/kepercayaan, suku, jender, sosial ekonomi, preferensi politik.',
        ],
      },
      {
        level: 5,
        description: 'Wakil pemerintah untuk membangun hubungan sosial psikologis.',
        indicators: [
          'Menjadi wakil pemerintah yang mampu membangun hubungan sosial psikologis dengan masyarakat sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku kepentingan serta diantara para pemangku kepentingan itu sendiri.',
          'Mampu mengkomunikasikan dampak risiko yang teridentifikasi dan merekomendasikan tindakan korektif berdasarkan pertimbangan perbedaan latar belakang, agama/kepercayaan, suku, jender, sosial ekonomi, preferensi politik untuk membangun hubungan jangka panjang.',
          'Mampu membuat kebijakan yang mengakomodasi perbedaan latar belakang, agama/kepercayaan, suku, jender, sosial ekonomi, preferensi politik yang berdampak positif secara nasional.',
        ],
      },
    ],
  },
];
