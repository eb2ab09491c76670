import { cliLocale } from './cli-locale';

describe('the language of a command', () => {
  it.each([
    ['--lang wins', 'en', { DEFAULT_LOCALE: 'id', LANG: 'id_ID.UTF-8' }, 'en'],
    ['DEFAULT_LOCALE before the shell', undefined, { DEFAULT_LOCALE: 'id', LANG: 'en_US.UTF-8' }, 'id'],
    ['the shell when DEFAULT_LOCALE is unset', undefined, { LANG: 'en_US.UTF-8' }, 'en'],
    ['LC_ALL before LANG', undefined, { LC_ALL: 'id_ID.UTF-8', LANG: 'en_US.UTF-8' }, 'id'],
    ['a shell language not ours: Indonesian', undefined, { LANG: 'C.UTF-8' }, 'id'],
    ['nothing set: Indonesian', undefined, {}, 'id'],
    ['an unknown --lang is ignored', 'fr', { LANG: 'en_GB.UTF-8' }, 'en'],
  ] as const)('%s', (_name, flag, env, expected) => expect(cliLocale(flag, env as NodeJS.ProcessEnv)).toBe(expected));
});
