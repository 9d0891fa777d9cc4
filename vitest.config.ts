import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tags the run's processes and kills any a failed test left behind.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start real servers and child processes; two cores here.
    maxWorkers: 2,
    restoreMocks: true,
    // Browser and integration checks wait for what happens; give a slow CI machine room.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
