// # Two methods, or two fields, with the same name and descriptor
//
// "No two methods in one class file may have the same name and descriptor" (JVMS §4.6), and the same
// for fields (§4.5). HotSpot's ClassFileParser checks it whenever it verifies the class
// (parse_methods, parse_fields with _need_verify) and throws a ClassFormatError before linking. A
// transform that adds a method the class already has (a bridge, an accessor, a method whose return
// type it changed into one already used) makes exactly that class; the verifier reports it, where
// each method alone would verify.

import type { RawClassFile, RawMember } from '../classfile/raw-class-file.js';

export interface DuplicateMember {
  /** `name` + descriptor for a method (`bar(I)V`), `name:descriptor` for a field (`x:I`). */
  readonly member: string;
  /** HotSpot's message. */
  readonly message: string;
}

function duplicates(members: readonly RawMember[], kind: 'method' | 'field', className: string): DuplicateMember[] {
  const seen = new Set<string>();
  const found: DuplicateMember[] = [];
  for (const member of members) {
    const key = `${member.name}\u0000${member.descriptor}`;
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    // HotSpot prints the descriptor with dots (Symbol::as_klass_external_name).
    found.push({
      member: kind === 'method' ? member.name + member.descriptor : `${member.name}:${member.descriptor}`,
      message: `Duplicate ${kind} name "${member.name}" with signature "${member.descriptor.replace(/\//g, '.')}" in class file ${className}`,
    });
  }
  return found;
}

/** The second and later occurrences of a method or field name and descriptor of a class. */
export function duplicateMembers(classFile: RawClassFile): DuplicateMember[] {
  return [...duplicates(classFile.fields, 'field', classFile.thisClass), ...duplicates(classFile.methods, 'method', classFile.thisClass)];
}
