import { localeOfTag, negotiateLocale } from './locale';

describe('the language of a request', () => {
  it.each([
    ['id', 'id'],
    ['id-ID', 'id'],
    ['in', 'id'],
    ['in_ID', 'id'],
    ['en', 'en'],
    ['en-AU', 'en'],
    ['EN-us', 'en'],
    ['fr', undefined],
    ['*', undefined],
    ['', undefined],
  ])('tag %s names %s', (tag, locale) => expect(localeOfTag(tag)).toBe(locale));

  it.each([
    [undefined, 'id', 'id'],
    [undefined, 'en', 'en'],
    ['', 'en', 'en'],
    ['en-US,en;q=0.9,id;q=0.8', 'id', 'en'],
    ['fr-FR,fr;q=0.9,id;q=0.7,en;q=0.6', 'en', 'id'],
    ['en;q=0.4, id;q=0.6', 'en', 'id'],
    ['id;q=0, en', 'id', 'en'],
    ['id;q=0', 'en', 'en'],
    ['de, fr', 'id', 'id'],
    ['*', 'id', 'id'],
    ['en;q=abc, id', 'en', 'id'],
    ['id ; q=0.5 , en ; q=0.5', 'en', 'id'],
  ] as const)('Accept-Language %s with default %s → %s', (header, fallback, expected) =>
    expect(negotiateLocale(header, fallback)).toBe(expected),
  );
});
