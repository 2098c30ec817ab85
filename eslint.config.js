import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const FACE = "Import another module through its face, 'modules/<name>/index.js' (docs/architecture.md).";
// What a test may take from another module besides its face: test data and builders, never production code.
const TEST_HELPER = String.raw`(?![^/]+\.(factories|specimens|testing)\.js$)`;

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', 'coverage', 'dist', 'dist.building-*', 'dist.previous-*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // Type-aware rules that catch real bugs: a promise nobody awaits, a promise where a callback's result
  // is ignored, a switch that forgets a member of a union.
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...Object.fromEntries(Object.keys(reactHooks.configs.recommended.rules).map((r) => [r, 'error'])) },
  },
  { files: ['scripts/**', 'cli/**', 'bench/**', 'e2e/**'], rules: { 'no-console': 'off' } },
  // A module has one face (docs/architecture.md, « Modules and their faces »): another module, app.ts,
  // runtime.ts, scripts and benchmarks import `modules/<name>/index.js`, never a module's other files.
  // Tests may also take another module's test helpers: `*.factories.js`, `*.specimens.js`, `*.testing.js`.
  {
    files: ['server/modules/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: String.raw`^\.\./(?!\.\.)[^/]+/(?!index\.js$)`, message: FACE }] }] },
  },
  {
    files: ['server/modules/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: String.raw`^\.\./(?!\.\.)[^/]+/(?!index\.js$)${TEST_HELPER}`, message: FACE }] }] },
  },
  {
    files: ['server/*.ts', 'server/test/**/*.ts', 'server/platform/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'cli/**/*.ts', 'e2e/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: String.raw`(^|/)modules/[^/]+/(?!index\.js$)`, message: FACE }] }] },
  },
  // The platform is what every module uses: it never depends on a module (its tests may take factories).
  {
    files: ['server/platform/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: String.raw`(^|/)modules/`, message: 'The platform never imports a module (docs/architecture.md).' }] }] },
  },
  {
    files: ['server/*.test.ts', 'server/platform/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', 'cli/**/*.test.ts', 'e2e/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: String.raw`(^|/)modules/[^/]+/(?!index\.js$)${TEST_HELPER}`, message: FACE }] }] },
  },
  // A web module takes shared pieces from components/ and lib/, never from another module (docs/architecture.md).
  {
    files: ['web/src/modules/**/*.ts', 'web/src/modules/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: String.raw`^\.\./(?!\.\.)[^/]+/`, message: 'A piece two web modules need lives in web/src/components (or web/src/lib), not in the first module that needed it.' }] }] },
  },
  {
    files: ['web/src/components/**/*.ts', 'web/src/components/**/*.tsx', 'web/src/lib/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: String.raw`(^|/)modules/`, message: 'components/ and lib/ never import a web module.' }] }] },
  },
);
