/** The languages every text a person reads is written in (`docs/api.md`, Language). */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/**
 * The language a tag names: `id`, `id-ID` and `in` (the code Indonesian had before 1989, still sent by old Android
 * and Java clients) are Indonesian; `en` and its regions English; anything else none of ours.
 */
export function localeOfTag(tag: string): Locale | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'id' || primary === 'in') return 'id';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * The language of a request from its `Accept-Language` header (RFC 9110): the tag of ours with the highest q-value
 * (the first of equals; `q=0` means "not this one"); `fallback` when the header is absent or names none of ours.
 * `*` names none in particular, so it leaves the choice to the fallback.
 */
export function negotiateLocale(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const locale = localeOfTag(tag);
    if (!locale || !Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale, q };
  }
  return best?.locale ?? fallback;
}
