// The raw bytes of each method_info of a class file, to check which methods a transform copied untouched.

import { ClassReader } from '../../src/asm/class-reader.js';
import { ClassNode } from '../../src/tree/class-node.js';
import { readMemberLayout } from '../../src/tree/member-layout.js';

/** The raw bytes (hex) of each method_info of `bytes`, by name+descriptor. */
export function methodBytes(bytes: Uint8Array): Map<string, string> {
  const reader = new ClassReader(bytes);
  const node = new ClassNode();
  reader.accept(node, ClassReader.SKIP_CODE);
  const map = new Map<string, string>();
  readMemberLayout(reader).methods.forEach((info, i) => {
    const method = node.methods[i]!;
    map.set(method.name + method.desc, Buffer.from(bytes.subarray(info.offset, info.offset + info.length)).toString('hex'));
  });
  return map;
}
