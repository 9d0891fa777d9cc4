/**
 * App-wide switches that must be set before or right at `ready`, each a small setup with a
 * disposer (docs/shell-habits.md, "A wiring-only entry; every setup returns a disposer").
 */
import { app, powerSaveBlocker, type BrowserWindow } from 'electron';

/** Before `ready`: the order sound must play without a click (docs/counter-lessons.md, as VS Code does). */
export function setupAutoplay(): void {
  app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
}

/**
 * One counter per machine: a second launch (a double-click on the shortcut) only brings the
 * running window forward. Returns false when this process is the second one and must quit.
 */
export function setupSingleInstance(showWindow: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', showWindow);
  return true;
}

/** macOS App Nap suspends main-process timers, which drive auto-accept and rings (docs/counter-lessons.md). */
export function setupPowerSave(): () => void {
  const id = powerSaveBlocker.start('prevent-app-suspension');
  return () => {
    if (powerSaveBlocker.isStarted(id)) powerSaveBlocker.stop(id);
  };
}

/** Show, restore and focus the counter window (tray, second instance, notification click). */
export function showWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  win.flashFrame(false);
}

/**
 * Closing the window hides it: orders keep arriving and ringing from the tray. Only a real
 * quit (tray menu, OS shutdown) closes it; `quitting()` says which.
 */
export function setupHideOnClose(win: BrowserWindow, quitting: () => boolean): void {
  win.on('close', (event) => {
    if (quitting()) return;
    event.preventDefault();
    win.hide();
  });
  // Staff looked at the window: stop flashing the taskbar.
  win.on('focus', () => win.flashFrame(false));
}
