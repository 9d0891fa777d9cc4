/** Memory over a run: sampled when asked, reported in MiB (RSS and JS heap). */
export interface MemoryReport {
  samples: number;
  rssStartMb: number;
  rssMaxMb: number;
  heapStartMb: number;
  heapMaxMb: number;
  heapLastMb: number;
  /** Last heap sample above the first, floored at 0: growth that stayed. */
  heapGrowthMb: number;
  /** `[seconds since start, rss MiB, heap MiB]`, thinned to at most 20 points. */
  series: [number, number, number][];
}

const mb = (n: number): number => Math.round((n / 2 ** 20) * 10) / 10;

export class MemorySampler {
  private readonly start = performance.now();
  private readonly points: [number, number, number][] = [];

  constructor() {
    this.sample();
  }

  /** With `node --expose-gc` (as the npm scripts run), garbage is collected first: what is held, not what is pending. */
  sample(): void {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    this.points.push([Math.round((performance.now() - this.start) / 100) / 10, mb(m.rss), mb(m.heapUsed)]);
  }

  report(): MemoryReport {
    const p = this.points;
    const step = Math.max(1, Math.ceil(p.length / 20));
    const series = p.filter((_, i) => i % step === 0 || i === p.length - 1);
    return {
      samples: p.length,
      rssStartMb: p[0]![1],
      rssMaxMb: Math.max(...p.map((x) => x[1])),
      heapStartMb: p[0]![2],
      heapMaxMb: Math.max(...p.map((x) => x[2])),
      heapLastMb: p.at(-1)![2],
      heapGrowthMb: Math.max(0, Math.round((p.at(-1)![2] - p[0]![2]) * 10) / 10),
      series,
    };
  }
}
