import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        setupFiles: ['./scripts/polyfill-groupby.cjs', './test/setup.ts'],
        include: ['test/**/*.test.ts'],
        exclude: ['test/vscode-e2e/**', 'test/install/**', 'node_modules/**'],
        testTimeout: 30000,
        pool: 'forks',
    },
});
