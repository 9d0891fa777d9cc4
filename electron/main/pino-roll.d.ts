// pino-roll ships no types; this is the part of its API the shell uses (pino-roll README).
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface PinoRollOptions {
    file: string | (() => string);
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    mkdir?: boolean;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    sync?: boolean;
  }
  interface RollStream extends DestinationStream {
    end(): void;
    flushSync(): void;
    // A SonicBoom underneath: 'close' once the file descriptor is closed.
    once(event: 'close', listener: () => void): this;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<RollStream>;
}
