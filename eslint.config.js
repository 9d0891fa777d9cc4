// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', localStorage: 'readonly', sessionStorage: 'readonly', navigator: 'readonly',
        EventSource: 'readonly', fetch: 'readonly', Audio: 'readonly', Notification: 'readonly', speechSynthesis: 'readonly',
        SpeechSynthesisUtterance: 'readonly', HTMLElement: 'readonly', HTMLAudioElement: 'readonly', performance: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', requestAnimationFrame: 'readonly', MessageEvent: 'readonly',
      },
    },
  },
  {
    // electron-builder hooks (build/after-pack.cjs) are CommonJS: electron-builder require()s them.
    files: ['build/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The core runs under plain Node: it must never reach for Electron (docs/design.md, Folders).
    files: ['electron/core/**/*.ts', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron/core runs under plain Node; Electron belongs in the shell.' }] }],
    },
  },
  {
    // Raw IPC only in the wrappers that check the sender and parse arguments (docs/shell-habits.md, after
    // GitHub Desktop): a new ipcMain.handle elsewhere would skip those checks.
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc.ts', 'electron/main/event-bridge.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use electron/main/ipc.ts or event-bridge.ts.' }] }],
    },
  },
);
