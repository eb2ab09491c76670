import { type Text } from '../../core/i18n/text';

/** The refusals of the personal data file's routes, in every language (`Text`). */
export const personalDataMessages = {
  noRecord: {
    id: 'Anda tidak memiliki data pegawai: tidak ada data pribadi yang dapat diekspor.',
    en: 'You have no employee record: there is no personal data to export.',
  },
  noSuchEmployee: {
    id: 'Tidak ada pegawai dengan id tersebut yang datanya boleh Anda ekspor.',
    en: 'No such employee whose data you may export.',
  },
} satisfies Record<string, Text>;
