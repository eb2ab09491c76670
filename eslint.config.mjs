import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  comments.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `any` only with a written reason: the disable comment must say why.
      '@typescript-eslint/no-explicit-any': 'error',
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // A module's `*.loaders.ts` read without policy: they are its own. Other modules read through its service, whose
    // methods filter (src/core/database/README.md, "Reading another module's data"). Facts about the caller
    // (`*.facts.ts`) and types are shared; the rules (`*.policy.ts`) are the filter, so they read facts unfiltered.
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/*/*.policy.ts', 'src/modules/*/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/*.loaders', '../*/*-loaders'],
              allowTypeImports: true,
              message:
                "Another module's loaders read without policy: read through that module's service (src/core/database/README.md).",
            },
          ],
        },
      ],
    },
  },
  {
    // The file of everything held about a person reads every module's rows once EXPORT_PERSONAL_DATA allowed the
    // person: it is the one reader that must see them unfiltered (docs/personal-data.md).
    files: ['src/modules/personal-data/personal-data.sections.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
