import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // CtClass.toBytecode checks its record of changed members against a full comparison with the class file.
    env: { CLASSFORGE_CHECK_TOUCHED: '1' },
  },
});
