import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Two test files at a time: Vitest's default on two cores is one (cores - 1), and most files wait on
    // javac and java processes part of the time. The shared caches (javac outputs, extracted corpora) are
    // written beside their place and renamed into it, so concurrent files never see half an entry.
    maxWorkers: 2,
    // CtClass.toBytecode checks its record of changed members against a full comparison with the class file.
    env: { CLASSFORGE_CHECK_TOUCHED: '1' },
  },
});
