import { isLocale, type Locale, localeOfTag } from '../core/i18n/locale';

/**
 * The language of a command's output: `--lang id|en` when given; else `DEFAULT_LOCALE` when it is set; else the
 * shell's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `id_ID.UTF-8` is Indonesian, `en_US.UTF-8` English) when it names
 * one of ours; else Indonesian, the region's language (`docs/configuration.md`).
 */
export function cliLocale(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  if (isLocale(flag)) return flag;
  if (isLocale(env.DEFAULT_LOCALE)) return env.DEFAULT_LOCALE;
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (!value) continue;
    // The first variable set decides, as in POSIX: `C` or `POSIX` names no language of ours.
    return localeOfTag(value.split('.')[0] ?? '') ?? 'id';
  }
  return 'id';
}
