/**
 * The app's log: JSON lines in `app.getPath('logs')`, rotated by pino-roll (daily or at 10 MB,
 * last 14 files kept) so a counter PC left on for months never fills its disk.
 *
 * Why pino-roll: it is the pino project's own rotating file stream, has no native parts (the
 * shell bundles main with esbuild and packages for three OSes), rotates by size and by day, and
 * deletes old files itself. It is used as a plain stream in this thread, not as a worker
 * transport, because worker transports resolve their target by module path, which a bundled
 * main.js does not have.
 *
 * Secrets are redacted by path before a line is written: a token or signKey logged by mistake
 * (say, a whole config object) must never reach a file staff may send to support.
 */
import { join } from 'node:path';
import pino from 'pino';
import pinoRoll from 'pino-roll';

export const REDACT_PATHS = [
  'signKey', 'appAuthToken', 'token', 'secret', 'callbackSecret', 'appSecret',
  '*.signKey', '*.appAuthToken', '*.token', '*.secret', '*.callbackSecret', '*.appSecret',
  '*.*.signKey', '*.*.appAuthToken', '*.*.token', '*.*.secret', '*.*.callbackSecret', '*.*.appSecret',
];

export interface AppLogger {
  logger: pino.Logger;
  /** Flush and close the file (on quit); resolves once the file is closed. */
  close(): Promise<void>;
}

export async function createLogger(logsDir: string, level = process.env['LOG_LEVEL'] ?? 'info'): Promise<AppLogger> {
  const stream = await pinoRoll({
    file: join(logsDir, 'waimai-desk'),
    extension: '.log',
    frequency: 'daily',
    size: '10m',
    mkdir: true,
    limit: { count: 14 },
  });
  const logger = pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream);
  return {
    logger,
    close() {
      try {
        stream.flushSync();
      } catch {
        // Not open yet or already closed: nothing buffered to lose.
      }
      return new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      });
    },
  };
}
