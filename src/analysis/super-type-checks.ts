// # The superclass and superinterfaces a class names, checked as HotSpot loads the class
//
// Before it verifies a class, the JVM loads its direct superclass and superinterfaces (JVMS §5.3.5,
// "Deriving a Class from a class File Representation", steps 3 and 4) and refuses the class when:
//   - the class is its own superclass or superinterface, through others: ClassCircularityError;
//   - one of them exists nowhere: NoClassDefFoundError (reported apart, as "unresolved": the class
//     path given to the verifier may just lack a jar);
//   - the superclass is an interface: IncompatibleClassChangeError "class C has interface S as super class";
//   - the superclass is final: IncompatibleClassChangeError "class C cannot inherit from final class S";
//   - the superclass or a superinterface is sealed (a PermittedSubclasses attribute, JVMS §4.7.31)
//     that does not name C: IncompatibleClassChangeError "class C cannot inherit from sealed class S",
//     "class C cannot implement sealed interface I";
//   - a superinterface is a class: IncompatibleClassChangeError "class C can not implement I, because
//     it is not an interface";
//   - the superclass is not accessible to C (JVMS §5.4.4: neither public nor in C's package):
//     IllegalAccessError "class C cannot access its [abstract ]superclass S"; the same for a superinterface;
//   - it is public but in a package of a JDK module that does not export it to every module (JLS §7.7.2)
//     while C, a class of no JDK module, is on the class path (the unnamed module): IllegalAccessError
//     "superclass access check failed: class C (in unnamed module) cannot access class S (in module M)
//     because module M does not export P to unnamed module" ("superinterface check failed: …").
// The messages are HotSpot's (JDK 17), which adds the modules and loaders in parentheses (and the
// unnamed module's identity hash, "@0x…", left out here). What needs a class's flags, attributes or
// module is checked only when the hierarchy can give them (a ClassPath can): lenient, never a false
// error. A class that would run in a named module of its own (a modular jar on the module path, or
// with --add-exports) is checked as if on the class path: the class path is the default.

import { getClassName } from '../classfile/constant-pool.js';
import type { ModuleExport } from '../classpath/module-exports.js';
import { type RawClassFile, readRawClassFile } from '../classfile/raw-class-file.js';
import { packageOf, toDottedName } from '../classfile/class-names.js';
import type { ClassFileSource } from './protected-access.js';

const ACC_PUBLIC = 0x0001;
const ACC_FINAL = 0x0010;
const ACC_ABSTRACT = 0x0400;

/** The packages of the JDK's modules (and javax's, which libraries share): never taken for the unnamed module's. */
const JDK_NAMESPACE = /^(java|javax|jdk|sun|com\/sun)\//;

/** A hierarchy that may also give a class's class file and access flags (a ClassPath does). */
export interface SuperTypeSource extends ClassFileSource {
  getAccess?(internalName: string): number | undefined;
  /** The JDK module of a class's package and whether it exports it to all (see ClassPath.getModuleExport). */
  getModuleExport?(internalName: string): ModuleExport | undefined;
}

/** One reason the JVM would refuse to load the class: a missing super type, or an error. */
export type SuperTypeProblem =
  | { readonly kind: 'missing'; readonly missingClass: string; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

/** The PermittedSubclasses of `superName` (JVMS §4.7.31), or null when it is not sealed or its class file is unavailable. */
function permittedSubclasses(hierarchy: SuperTypeSource, superName: string): string[] | null {
  const bytes = hierarchy.getClassBytes?.(superName);
  if (bytes === undefined) return null;
  let classFile: RawClassFile;
  try {
    classFile = readRawClassFile(bytes);
  } catch {
    // A malformed super class is reported when it is verified itself.
    return null;
  }
  const attribute = classFile.attributes.find((candidate) => candidate.name === 'PermittedSubclasses');
  if (attribute === undefined || attribute.info.length < 2) return null;
  const info = attribute.info;
  const count = (info[0]! << 8) | info[1]!;
  const permitted: string[] = [];
  for (let i = 0; i < count && 2 + 2 * i + 1 < info.length; i++) {
    try {
      permitted.push(getClassName(classFile.constantPool, (info[2 + 2 * i]! << 8) | info[3 + 2 * i]!));
    } catch {
      return null;
    }
  }
  return permitted;
}

/** Whether `name`'s super types (`direct`, then theirs by the hierarchy) lead back to `name`. */
function isOwnSuperType(name: string, direct: readonly string[], hierarchy: SuperTypeSource): boolean {
  const pending = [...direct];
  const seen = new Set<string>();
  for (let superName = pending.pop(); superName !== undefined; superName = pending.pop()) {
    if (superName === name) return true;
    if (seen.has(superName)) continue;
    seen.add(superName);
    const superclass = hierarchy.getSuperName(superName);
    if (superclass !== null && superclass !== undefined) pending.push(superclass);
    pending.push(...(hierarchy.getInterfaces?.(superName) ?? []));
  }
  return false;
}

/**
 * The checks above for the classes of one verifier, which keeps each super type's PermittedSubclasses:
 * every class of a jar names the same few super types, whose class files are read once.
 */
export class SuperTypeChecks {
  private readonly hierarchy: SuperTypeSource;
  private readonly permitted = new Map<string, string[] | null>();

  constructor(hierarchy: SuperTypeSource) {
    this.hierarchy = hierarchy;
  }

  /** What the JVM would refuse in `classFile`'s superclass and superinterfaces, in the order it checks them. */
  problems(classFile: RawClassFile): SuperTypeProblem[] {
    const hierarchy = this.hierarchy;
    const problems: SuperTypeProblem[] = [];
    const name = classFile.thisClass;
    const direct = classFile.superClass === null ? classFile.interfaces : [classFile.superClass, ...classFile.interfaces];
    if (isOwnSuperType(name, direct, hierarchy)) {
      return [{ kind: 'error', message: `ClassCircularityError: ${toDottedName(name)} (its own superclass or superinterface, through others)` }];
    }
    const known = (superName: string, what: string): boolean => {
      if (hierarchy.isInterface(superName) !== undefined) return true;
      problems.push({
        kind: 'missing',
        missingClass: superName,
        message: `its ${what} ${toDottedName(superName)} is on no class path: the JVM cannot load the class (NoClassDefFoundError: ${superName})`,
      });
      return false;
    };
    const inaccessible = (superName: string): boolean => {
      const access = hierarchy.getAccess?.(superName);
      return access !== undefined && (access & ACC_PUBLIC) === 0 && packageOf(superName) !== packageOf(name);
    };
    // A class of no JDK module runs in the unnamed module, which sees only what modules export to all;
    // not one of the JDK's own namespaces, though: that is a JDK class of another version than the
    // class path's (jdk.internal.random is in jdk.random in JDK 17, in java.base in 25).
    const inUnnamedModule = hierarchy.getModuleExport?.(name) === undefined && !JDK_NAMESPACE.test(name);
    const checkExported = (superName: string, check: string): void => {
      if (!inUnnamedModule) return;
      const moduleExport = hierarchy.getModuleExport?.(superName);
      if (moduleExport === undefined || moduleExport.exportedToAll) return;
      problems.push({
        kind: 'error',
        message:
          `IllegalAccessError: ${check} failed: class ${toDottedName(name)} (in unnamed module) cannot access class ` +
          `${toDottedName(superName)} (in module ${moduleExport.module}) because module ${moduleExport.module} does not export ` +
          `${toDottedName(packageOf(superName))} to unnamed module`,
      });
    };
    const sealedAgainst = (superName: string): boolean => {
      let permitted = this.permitted.get(superName);
      if (permitted === undefined) {
        permitted = permittedSubclasses(hierarchy, superName);
        this.permitted.set(superName, permitted);
      }
      return permitted !== null && !permitted.includes(name);
    };
    const superName = classFile.superClass;
    if (superName !== null && known(superName, 'superclass')) {
      if (hierarchy.isInterface(superName) === true) {
        problems.push({ kind: 'error', message: `IncompatibleClassChangeError: class ${toDottedName(name)} has interface ${toDottedName(superName)} as super class` });
      } else if (((hierarchy.getAccess?.(superName) ?? 0) & ACC_FINAL) !== 0) {
        problems.push({ kind: 'error', message: `IncompatibleClassChangeError: class ${toDottedName(name)} cannot inherit from final class ${toDottedName(superName)}` });
      } else if (sealedAgainst(superName)) {
        problems.push({ kind: 'error', message: `IncompatibleClassChangeError: class ${toDottedName(name)} cannot inherit from sealed class ${toDottedName(superName)}` });
      } else if (inaccessible(superName)) {
        const abstract = ((hierarchy.getAccess?.(superName) ?? 0) & ACC_ABSTRACT) !== 0 ? 'abstract ' : '';
        problems.push({ kind: 'error', message: `IllegalAccessError: class ${toDottedName(name)} cannot access its ${abstract}superclass ${toDottedName(superName)}` });
      } else {
        checkExported(superName, 'superclass access check');
      }
    }
    for (const interfaceName of classFile.interfaces) {
      if (!known(interfaceName, 'interface')) continue;
      if (hierarchy.isInterface(interfaceName) === false) {
        problems.push({
          kind: 'error',
          message: `IncompatibleClassChangeError: class ${toDottedName(name)} can not implement ${toDottedName(interfaceName)}, because it is not an interface`,
        });
      } else if (sealedAgainst(interfaceName)) {
        problems.push({ kind: 'error', message: `IncompatibleClassChangeError: class ${toDottedName(name)} cannot implement sealed interface ${toDottedName(interfaceName)}` });
      } else if (inaccessible(interfaceName)) {
        problems.push({ kind: 'error', message: `IllegalAccessError: class ${toDottedName(name)} cannot access its superinterface ${toDottedName(interfaceName)}` });
      } else {
        checkExported(interfaceName, 'superinterface check');
      }
    }
    return problems;
  }
}
