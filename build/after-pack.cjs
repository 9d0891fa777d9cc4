// electron-builder `afterPack` hook (electron-builder.yml): flips the Electron fuses in the
// packaged binary, after the app is copied in and before electron-builder signs it (signing
// then covers the flipped bits, so they cannot be flipped back without breaking the signature).
// FUSES is the single place the settings live; test/unit/packaging/ asserts them without
// running electron-builder. CommonJS because electron-builder require()s hooks.
'use strict';

const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** Fuse name (FuseV1Options key) → state. Every V1 fuse is set explicitly. */
const FUSES = Object.freeze({
  // The shell never runs Electron as plain Node (no child_process.fork, no ELECTRON_RUN_AS_NODE):
  // the headless core is a separate Node program, and any helper process uses utilityProcess.
  RunAsNode: false,
  // Cookies on disk encrypted with the OS keystore (DPAPI / Keychain / libsecret).
  EnableCookieEncryption: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS and --inspect would let anyone at the counter PC inject
  // code into a process that holds the platforms' app secrets.
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the header hash electron-builder embeds (Info.plist on macOS, a
  // resource in the .exe on Windows). Linux has no asar integrity support: there it is a no-op.
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded (no app/ folder next to it), so the integrity check cannot be sidestepped.
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  // Kept ON (Electron's default) on purpose. The shell loads the renderer with
  // BrowserWindow.loadFile(), i.e. file:// from inside app.asar. With this fuse off, Electron
  // stops registering its asar-aware file:// loader (shell/browser/protocol_registry.cc), so
  // Chromium's plain file loader gets the request and cannot read files inside app.asar, and
  // file: stops being a fetch/CORS-capable scheme, so Vite's `<script type="module" crossorigin>`
  // is blocked the way it is in Chrome. The window would be blank. Turn it off together with
  // moving the renderer to a privileged custom protocol (protocol.handle('app', …) +
  // registerSchemesAsPrivileged, Electron security checklist #18); the packaging test ties this
  // fuse to the shell's use of loadFile.
  GrantFileProtocolExtraPrivileges: true,
});

/** The @electron/fuses config object for FUSES. */
function fuseConfig({ resetAdHocDarwinSignature = false } = {}) {
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature };
  for (const [name, enabled] of Object.entries(FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`after-pack: unknown fuse ${name}`);
    config[index] = enabled;
  }
  return config;
}

/**
 * Where the Electron binary sits in a packed app: the .app bundle on macOS (flipFuses finds the
 * framework inside it), `<productFilename>.exe` on Windows, the executable on Linux (named by
 * `executableName`, which the Linux packager keeps as `executableName`).
 */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName || productFilename);
    default:
      throw new Error(`after-pack: no Electron binary location known for platform ${electronPlatformName}`);
  }
}

/** electron-builder Arch enum values (builder-util): x64 = 1, arm64 = 3, universal = 4. */
const ARCH_ARM64 = 3;
const ARCH_UNIVERSAL = 4;

async function afterPack(context) {
  const binary = electronBinaryPath(context);
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // Apple Silicon refuses to run a binary whose ad-hoc signature no longer matches; re-sign
  // ad hoc after flipping (a real identity, when configured, signs again afterwards anyway).
  const resetAdHocDarwinSignature = isMac && (context.arch === ARCH_ARM64 || context.arch === ARCH_UNIVERSAL);
  const flipped = await flipFuses(binary, fuseConfig({ resetAdHocDarwinSignature }));
  console.log(`  • after-pack: fuses set in ${binary} (${flipped} wire${flipped === 1 ? '' : 's'})`);
}

module.exports = { afterPack, default: afterPack, FUSES, fuseConfig, electronBinaryPath };
