/**
 * The running Desk behind a stable face. The Electron shell keeps one DeskHost for the life of
 * the app; when the merchant saves new credentials or stores, the host restarts the Desk on the
 * same data folder (nothing is lost: the journal and day files carry over) and listeners keep
 * hearing events without re-subscribing.
 */
import type { DeskApi, DeskEventName, DeskEvents } from '../../shared/api.js';
import { apiArgs, type ApiMethod } from './api-schemas.js';
import { Desk, type DeskOptions } from './desk.js';

type Listener = (name: DeskEventName, payload: DeskEvents[DeskEventName]) => void;

// The DeskApi methods are filled in by the constructor (one forwarder per method of the
// contract), which the type system cannot see; declaration merging states it.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface DeskHost extends DeskApi {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class DeskHost {
  private readonly listeners = new Set<Listener>();
  private unsubscribe: () => void = () => undefined;
  private restarting: Promise<void> | null = null;

  private constructor(
    private desk: Desk,
    private opts: DeskOptions,
  ) {
    for (const method of Object.keys(apiArgs) as ApiMethod[]) {
      (this as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        await this.restarting;
        return (this.desk[method] as (...a: unknown[]) => Promise<unknown>).apply(this.desk, args);
      };
    }
    this.follow();
  }

  static async start(opts: DeskOptions): Promise<DeskHost> {
    return new DeskHost(await Desk.start(opts), opts);
  }

  /** The Desk running now (for the shell's own needs: binding page URLs, tunnel state). */
  get current(): Desk {
    return this.desk;
  }

  get options(): DeskOptions {
    return this.opts;
  }

  private follow(): void {
    this.unsubscribe = this.desk.subscribe((name, payload) => this.listeners.forEach((l) => l(name, payload)));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stop the Desk and start it again with changed options (new credentials, stores). */
  async restart(change: Partial<DeskOptions>): Promise<void> {
    const run = (async () => {
      this.unsubscribe();
      await this.desk.stop();
      this.opts = { ...this.opts, ...change };
      this.desk = await Desk.start(this.opts);
      this.follow();
      const status = await this.desk.status();
      this.listeners.forEach((l) => l('status-changed', status));
      for (const store of await this.desk.listStores()) this.listeners.forEach((l) => l('store-changed', { store }));
    })();
    this.restarting = run;
    try {
      await run;
    } finally {
      this.restarting = null;
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await this.desk.stop();
  }
}
