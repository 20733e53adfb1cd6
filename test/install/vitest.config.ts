// The install tests (`npm run test:install`): slow (npm pack and three installs), so kept out of
// the unit suite; CI runs them after it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        root: new URL('../..', import.meta.url).pathname,
        include: ['test/install/**/*.test.ts'],
        testTimeout: 120_000,
        hookTimeout: 600_000,
        pool: 'forks',
        fileParallelism: false,
    },
});
