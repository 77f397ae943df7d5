// # Loading a transform file so that its `classforge` is the kit's own classforge
//
// loadTransform (src/transform/load-transform.ts) bundles a transform file and imports the bundle
// natively; the bundle's `import … from 'classforge'` becomes a native import of this copy's
// dist (or src) index module. Under vitest that is a second instance of every classforge module:
// vitest runs the test's classforge (and this kit) through its own module runner, while the
// bundle's imports bypass it. The transform's ClassVisitor is then not the ClassVisitor the
// pipeline checks against ("visitor() must return a ClassVisitor … got a MethodTiming").
//
// So the kit re-evaluates the bundle with each classforge import replaced by a small data: module
// that re-exports the namespace the kit itself imported (through the same runner as the kit,
// hence the same instances). Outside a module runner both are the same instance and nothing
// changes but the indirection.

import { importTransformCode, type LoadedTransform, resolveClassforgeSpecifier } from '../transform/load-transform.js';
import type { TransformDefinition } from '../transform/define-transform.js';

const REGISTRY = Symbol.for('classforge.testing.modules');

/** The classforge entry points a transform may import, loaded through the kit's own module system. */
const ENTRY_POINTS: Record<string, () => Promise<Record<string, unknown>>> = {
  classforge: () => import('../index.js'),
  'classforge/testing': () => import('./index.js'),
};

/** The transform's definition, with its classforge imports bound to the kit's module instances. */
export async function importWithKitInstances(loaded: LoadedTransform): Promise<TransformDefinition> {
  let code = loaded.code;
  const registry = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??= {}) as Record<string, Record<string, unknown>>;
  for (const [specifier, load] of Object.entries(ENTRY_POINTS)) {
    const resolved = resolveClassforgeSpecifier(specifier);
    if (!('url' in resolved)) continue;
    const quoted = JSON.stringify(resolved.url);
    if (!code.includes(quoted)) continue;
    const namespace = await load();
    const key = `${specifier}@${resolved.url}`;
    registry[key] = namespace;
    code = code.split(quoted).join(JSON.stringify(shimModule(key, namespace)));
  }
  return code === loaded.code ? loaded.definition : importTransformCode(code, loaded.path);
}

/** A data: URL of a module re-exporting `namespace` (registered under `key`) name by name. */
function shimModule(key: string, namespace: Record<string, unknown>): string {
  const names = Object.keys(namespace).filter((name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name));
  const text =
    `const m = globalThis[Symbol.for(${JSON.stringify('classforge.testing.modules')})][${JSON.stringify(key)}];\n` +
    names.map((name) => `export const ${name} = m.${name};`).join('\n') +
    ('default' in namespace ? '\nexport default m.default;' : '') +
    '\n';
  return 'data:text/javascript;base64,' + Buffer.from(text, 'utf8').toString('base64');
}
