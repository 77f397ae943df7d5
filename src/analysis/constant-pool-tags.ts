// # Constants a class file version does not have
//
// HotSpot's ClassFileParser (parse_constant_pool_entries; JDK 17) refuses with a ClassFormatError a
// constant pool entry newer than the class file (JVMS §4.4, Table 4.4-B): CONSTANT_MethodHandle,
// CONSTANT_MethodType and CONSTANT_InvokeDynamic before version 51, CONSTANT_Dynamic before 55, and
// CONSTANT_Module or CONSTANT_Package in any class (they belong to module-info, which is never
// loaded as a class). A tool that lowers a class's version (to run it on an older JVM) but keeps
// its lambdas' invokedynamic makes such a class; each method's code alone would verify.

import type { RawClassFile } from '../classfile/raw-class-file.js';

/** The first version with each constant kind the parser checks, by kind. */
const FIRST_VERSION: Readonly<Record<string, number>> = {
  MethodHandle: 51,
  MethodType: 51,
  InvokeDynamic: 51,
  Dynamic: 55,
};

/** HotSpot's complaint about the first constant the class's version does not have, or null. */
export function constantPoolTagError(classFile: RawClassFile): string | null {
  if (classFile.thisClass === 'module-info') return null;
  const entries = classFile.constantPool.entries;
  for (let index = 1; index < entries.length; index++) {
    const entry = entries[index];
    if (entry === null || entry === undefined) continue;
    if (entry.kind === 'Module' || entry.kind === 'Package') return `Unknown constant tag ${entry.tag} in class file ${classFile.thisClass}`;
    const since = FIRST_VERSION[entry.kind];
    if (since !== undefined && classFile.majorVersion < since) {
      return `Class file version does not support constant tag ${entry.tag} in class file ${classFile.thisClass}`;
    }
  }
  return null;
}
