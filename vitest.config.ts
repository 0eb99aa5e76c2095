import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '.tools/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // vitest's default (one fewer than the cores) runs one file at a time on a 2-core machine, while
    // most whole-system files wait on servers, child processes and Chromium: two files at once on
    // two cores halve CI's time. Each file uses its own port, directory and database.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
