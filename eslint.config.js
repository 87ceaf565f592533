// ESLint 9 flat config: eslint's and typescript-eslint's recommended rules, syntax-only (no type
// information, so a run stays quick). Formatting is prettier's job (`npm run format`): no
// stylistic rules here. Scope: `npm run lint` names src, test, bench, scripts and the config files.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Data and generated files; test/fixtures holds Go modules and recorded plans, not our code.
    ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/', 'schema/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The sanitizers (commands/quote.ts, commands/visible-lines.ts, release-notes/sanitize.ts,
      // gomod/proxy/escape.ts) match control characters on purpose: that is what they strip.
      'no-control-regex': 'off',
      // `_`-prefixed names are the code's way to say "unused on purpose", e.g. dropping a field
      // with `const { expires_at: _dropped, ...rest } = token`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
);
