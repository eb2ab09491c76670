import { Field, InputType, ObjectType } from 'type-graphql';
import { UserErrorCode, type UserErrorList } from '../../core/errors/user-error';

export const MAX_EVIDENCE = 10;

@ObjectType({
  description: 'A piece of supporting evidence (bukti dukung): a link to a file or page kept by the portal.',
})
export class Evidence {
  @Field({ description: 'What it is, e.g. "Register kohort bayi Februari".' })
  title!: string;

  @Field({ description: 'Where it is (http or https).' })
  url!: string;
}

@InputType({ description: 'A piece of supporting evidence (bukti dukung).' })
export class EvidenceInput {
  @Field({ description: 'What it is, at most 200 characters.' })
  title!: string;

  @Field({ description: 'An http(s) link, at most 500 characters.' })
  url!: string;
}

/** Whether a string is an absolute http(s) URL of at most 500 characters. */
export function isEvidenceUrl(url: string): boolean {
  if (url.length > 500) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Validates a list of evidence, recording problems under `field`. */
export function validateEvidence(errors: UserErrorList, items: readonly EvidenceInput[], field: string[]): Evidence[] {
  if (items.length > MAX_EVIDENCE)
    errors.add(
      UserErrorCode.INVALID,
      { id: `Paling banyak ${MAX_EVIDENCE} bukti dukung.`, en: `At most ${MAX_EVIDENCE} pieces of evidence.` },
      field,
    );
  const valid: Evidence[] = [];
  items.forEach((item, i) => {
    const title = item.title.trim();
    const url = item.url.trim();
    if (!title || title.length > 200)
      errors.add(
        UserErrorCode.INVALID,
        {
          id: 'Setiap bukti dukung memerlukan judul paling panjang 200 karakter.',
          en: 'Each piece of evidence needs a title of at most 200 characters.',
        },
        [...field, String(i), 'title'],
      );
    else if (!isEvidenceUrl(url))
      errors.add(
        UserErrorCode.INVALID,
        {
          id: 'Bukti dukung berupa tautan: URL http(s) paling panjang 500 karakter.',
          en: 'Evidence is a link: an http(s) URL of at most 500 characters.',
        },
        [...field, String(i), 'url'],
      );
    else valid.push({ title, url });
  });
  return valid;
}

export function parseEvidence(json: string): Evidence[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as Evidence[]) : [];
  } catch {
    return [];
  }
}
