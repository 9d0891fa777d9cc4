/**
 * The app's `SecretBox` (electron/core/storage/bindings.ts): platform tokens sealed with the OS
 * keychain through Electron's `safeStorage` (docs/design.md, Security). When the OS offers no real
 * protection the shell refuses to hold secrets at all: it must never fall back to a clear-text
 * box, so `keychainBox` returns a reason instead and main.ts says it to staff.
 *
 * The synchronous safeStorage calls are deprecated in favour of async ones, but SecretBox is
 * synchronous (the core seals inside its binding write); they still work and are what the
 * interface needs. Move to the async pair if SecretBox ever becomes async.
 */
import { safeStorage } from 'electron';
import type { SecretBox } from '../core/storage/bindings.js';

export type KeychainResult = { ok: true; box: SecretBox } | { ok: false; problem: string };

export const SECRETS_UNAVAILABLE =
  '这台电脑的系统钥匙串不可用，无法加密保存平台密钥：已停止连接平台（不会以明文保存）。请在系统中启用钥匙串/凭据管理后重启接单台。';

export function keychainBox(platform: NodeJS.Platform = process.platform): KeychainResult {
  if (!safeStorage.isEncryptionAvailable()) return { ok: false, problem: SECRETS_UNAVAILABLE };
  // On Linux without a secret service Chromium "encrypts" with a fixed, public key
  // (`basic_text`): that is clear text in disguise, so it counts as unavailable.
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return { ok: false, problem: SECRETS_UNAVAILABLE };
  }
  return {
    ok: true,
    box: {
      kind: 'os-keychain',
      seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
      open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
    },
  };
}
