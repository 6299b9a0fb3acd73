import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real terraform runs are slow and contend for 2 cores; keep files in parallel but bounded.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    minWorkers: 1,
  },
});
