import { UserError, UserErrorCode } from '../../core/errors/user-error';
import { type Text } from '../../core/i18n/text';
import { type TargetProblem } from './webhook-target';

/** Every way a webhook change can be refused, each with its stable code and message. */
export enum WebhookProblem {
  ENDPOINT_NOT_FOUND = 'ENDPOINT_NOT_FOUND',
  DELIVERY_NOT_FOUND = 'DELIVERY_NOT_FOUND',
  EVENT_TYPES_EMPTY = 'EVENT_TYPES_EMPTY',
  EVENT_TYPE_UNKNOWN = 'EVENT_TYPE_UNKNOWN',
  DELIVERY_NOT_FAILED = 'DELIVERY_NOT_FAILED',
  ALREADY_DISABLED = 'ALREADY_DISABLED',
  URL_INVALID = 'URL_INVALID',
  URL_SCHEME = 'URL_SCHEME',
  URL_CREDENTIALS = 'URL_CREDENTIALS',
  URL_HTTPS_REQUIRED = 'URL_HTTPS_REQUIRED',
  URL_UNRESOLVED = 'URL_UNRESOLVED',
  URL_ADDRESS = 'URL_ADDRESS',
}

const TABLE: Record<WebhookProblem, { code: UserErrorCode; message: Text }> = {
  ENDPOINT_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Endpoint webhook tidak ditemukan.', en: 'No such webhook endpoint.' },
  },
  DELIVERY_NOT_FOUND: {
    code: UserErrorCode.NOT_FOUND,
    message: { id: 'Pengiriman webhook tidak ditemukan.', en: 'No such webhook delivery.' },
  },
  EVENT_TYPES_EMPTY: {
    code: UserErrorCode.INVALID,
    message: { id: 'Pilih sedikitnya satu jenis peristiwa.', en: 'Choose at least one event type.' },
  },
  EVENT_TYPE_UNKNOWN: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Jenis peristiwa ini tidak dikenal (lihat docs/webhooks.md).',
      en: 'This event type is unknown (see docs/webhooks.md).',
    },
  },
  DELIVERY_NOT_FAILED: {
    code: UserErrorCode.INVALID_STATE,
    message: {
      id: 'Hanya pengiriman yang gagal yang dapat dicoba lagi.',
      en: 'Only a failed delivery can be retried.',
    },
  },
  ALREADY_DISABLED: {
    code: UserErrorCode.ALREADY_IN_STATE,
    message: { id: 'Endpoint webhook ini sudah dinonaktifkan.', en: 'This webhook endpoint is already disabled.' },
  },
  URL_INVALID: {
    code: UserErrorCode.INVALID,
    message: { id: 'Alamat URL tidak sah.', en: 'The URL is not valid.' },
  },
  URL_SCHEME: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Alamat URL harus diawali http:// atau https://.',
      en: 'The URL must start with http:// or https://.',
    },
  },
  URL_CREDENTIALS: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Alamat URL tidak boleh memuat nama pengguna atau kata sandi.',
      en: 'The URL must not contain a user name or password.',
    },
  },
  URL_HTTPS_REQUIRED: {
    code: UserErrorCode.INVALID,
    message: { id: 'Alamat URL harus memakai https.', en: 'The URL must use https.' },
  },
  URL_UNRESOLVED: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Nama host pada alamat URL tidak dapat ditemukan.',
      en: 'The host name of the URL cannot be resolved.',
    },
  },
  URL_ADDRESS: {
    code: UserErrorCode.INVALID,
    message: {
      id: 'Alamat URL menuju jaringan internal (loopback, privat, link-local atau multicast) dan tidak diizinkan.',
      en: 'The URL points to an internal network (loopback, private, link-local or multicast) and is not allowed.',
    },
  },
};

export function webhookError(problem: WebhookProblem, field: string[]): UserError {
  const { code, message } = TABLE[problem];
  return UserError.of(code, message, field);
}

export const TARGET_PROBLEMS: Record<TargetProblem, WebhookProblem> = {
  URL: WebhookProblem.URL_INVALID,
  SCHEME: WebhookProblem.URL_SCHEME,
  CREDENTIALS: WebhookProblem.URL_CREDENTIALS,
  HTTPS_REQUIRED: WebhookProblem.URL_HTTPS_REQUIRED,
  UNRESOLVED: WebhookProblem.URL_UNRESOLVED,
  ADDRESS: WebhookProblem.URL_ADDRESS,
};
