import { type Locale } from './locale';

/**
 * A text a person reads, written in every language of `LOCALES`: a catalogue entry without one of them does not
 * compile. A text with parameters is a function returning one (`(n: number) => Text`).
 */
export type Text = { readonly [L in Locale]: string };

/** One language of a text. */
export const inLocale = (text: Text, locale: Locale): string => text[locale];

/** Both languages of two texts joined, each in its own language (a message and its detail). */
export const joinTexts = (first: Text, separator: string, second: Text): Text => ({
  id: `${first.id}${separator}${second.id}`,
  en: `${first.en}${separator}${second.en}`,
});
