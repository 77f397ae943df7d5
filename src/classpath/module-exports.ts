// # What a JDK module exports to every module (JVMS §4.7.25, JLS §7.7.2)
//
// A class on the class path belongs to an unnamed module, which may use a public class of a named
// module only if that module exports the class's package to all modules: an `exports` directive with
// no `to` clause (exports_to_count 0 in the Module attribute of its module-info.class). HotSpot checks
// it when it loads a class's superclass and superinterfaces: IllegalAccessError "superclass access
// check failed: … because module java.base does not export sun.nio.ch to unnamed module".

import { getClassName } from '../classfile/constant-pool.js';
import { readRawClassFile } from '../classfile/raw-class-file.js';

/** The module of a JDK class's package, and whether it exports that package to every module. */
export interface ModuleExport {
  /** The module holding the package, e.g. `java.base`. */
  readonly module: string;
  /** Whether the module exports the package without qualification (to the unnamed module too). */
  readonly exportedToAll: boolean;
}

/**
 * The packages (internal form, `java/lang`) that the Module attribute of `moduleInfo` exports to
 * every module, or null when it has no readable Module attribute.
 */
export function readUnqualifiedExports(moduleInfo: Uint8Array): Set<string> | null {
  let classFile;
  try {
    classFile = readRawClassFile(moduleInfo);
  } catch {
    return null;
  }
  const info = classFile.attributes.find((attribute) => attribute.name === 'Module')?.info;
  if (info === undefined) return null;
  const u2 = (offset: number): number => (offset + 2 <= info.length ? (info[offset]! << 8) | info[offset + 1]! : -1);
  // module_name_index, module_flags, module_version_index, then requires (6 bytes each).
  const requiresCount = u2(6);
  if (requiresCount < 0) return null;
  let offset = 8 + 6 * requiresCount;
  const exportsCount = u2(offset);
  if (exportsCount < 0) return null;
  offset += 2;
  const exported = new Set<string>();
  for (let i = 0; i < exportsCount; i++) {
    // exports_index (a CONSTANT_Package), exports_flags, exports_to_count, exports_to_index[].
    const packageIndex = u2(offset);
    const toCount = u2(offset + 4);
    if (packageIndex < 0 || toCount < 0) return null;
    if (toCount === 0) {
      try {
        exported.add(getClassName(classFile.constantPool, packageIndex));
      } catch {
        return null;
      }
    }
    offset += 6 + 2 * toCount;
  }
  return exported;
}

/**
 * The ModuleExport of package `packageName` in `module`, reading the module's module-info (through
 * `readModuleInfo`) once per module into `cache`; undefined when it cannot be read.
 */
export function moduleExportOf(
  cache: Map<string, Set<string> | null>,
  module: string,
  packageName: string,
  readModuleInfo: () => Uint8Array | undefined,
): ModuleExport | undefined {
  let exported = cache.get(module);
  if (exported === undefined) {
    const bytes = readModuleInfo();
    exported = bytes === undefined ? null : readUnqualifiedExports(bytes);
    cache.set(module, exported);
  }
  return exported === null ? undefined : { module, exportedToAll: exported.has(packageName) };
}
