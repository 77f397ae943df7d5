#!/usr/bin/env node
// Writes the clock class (clock-class.ts) as a .class file into a directory of classes, for users of the
// command line, whose rewritten program needs it on its class path:
//
//   classforge transform app -o app-clock -t examples/controllable-clock/transform.ts
//   node examples/controllable-clock/write-clock-class.mjs app-clock [internal/Name]   # default classforge/examples/Clock
//   java -Dclassforge.clock.millis=1700000000000 -cp app-clock Main
//
// clock-class.ts is TypeScript, which Node 20 does not run: it is bundled with esbuild, as `classforge
// transform` loads transform modules, with 'classforge' resolved to this classforge.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [directory, internalName] = process.argv.slice(2);
if (directory === undefined) {
  console.error('usage: write-clock-class.mjs <classes directory> [internal name of the clock class]');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const classforge = pathToFileURL(join(here, '..', '..', 'dist', 'src', 'index.js')).href;
const bundle = await build({
  entryPoints: [join(here, 'clock-class.ts')], bundle: true, write: false, format: 'esm', platform: 'node',
  plugins: [{ name: 'classforge', setup: (b) => b.onResolve({ filter: /^classforge$/ }, () => ({ path: classforge, external: true })) }],
});
const { clockClass, CLOCK_CLASS } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
const name = internalName ?? CLOCK_CLASS;
const file = join(directory, `${name}.class`);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, clockClass(name));
console.error(`wrote ${file}`);
