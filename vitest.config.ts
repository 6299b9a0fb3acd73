import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real terraform runs are slow and contend for 2 cores (an offline aws verification alone plans
    // four times); keep files in parallel but bounded, and give each test room.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    maxWorkers: 2,
    minWorkers: 1,
  },
});
