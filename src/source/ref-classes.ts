// # The classes a class file refers to (Javassist's CtClass.getRefClasses)
//
// Javassist 3.27 answers with ClassFile.getRefClasses: it runs its class-renaming walk with a map
// that records every name it is asked about instead of renaming. That walk sees
//   - the constant pool (JVMS §4.4): each CONSTANT_Class (an array class contributes the classes of
//     its descriptor, not itself), each CONSTANT_NameAndType's and CONSTANT_MethodType's descriptor;
//   - each field's and method's descriptor;
//   - the annotation attributes of the class, of its fields and methods and of Code attributes:
//     Runtime(In)Visible(Parameter|Type)Annotations (JVMS §4.7.16–§4.7.21): annotation types, enum
//     element types and class element values.
// Not Signature, LocalVariableTable/LocalVariableTypeTable or AnnotationDefault: a class named only
// there (a generic type argument, a local's declared type) is not listed. The class itself is
// (its own CONSTANT_Class), and so is every array's element class; primitive arrays add nothing.
//
// Names come back dotted, each once, in the order the walk meets them (Javassist returns a
// HashMap's values: its order is unspecified).

import { toDottedName } from '../classfile/class-names.js';
import { type ConstantPool, getUtf8 } from '../classfile/constant-pool.js';
import { type RawAttribute, readRawClassFile, readRawCode } from '../classfile/raw-class-file.js';

/** The dotted names of the classes the class file `bytes` refers to, as Javassist's getRefClasses. */
export function refClassNames(bytes: Uint8Array): string[] {
  const file = readRawClassFile(bytes);
  const pool = file.constantPool;
  const names = new Set<string>();
  // Javassist's Descriptor.rename scan: every `L…;` of the string is a class name.
  const fromDescriptor = (descriptor: string): void => {
    let i = 0;
    for (;;) {
      const start = descriptor.indexOf('L', i);
      if (start < 0) return;
      const end = descriptor.indexOf(';', start);
      if (end < 0) return;
      names.add(toDottedName(descriptor.slice(start + 1, end)));
      i = end + 1;
    }
  };
  for (const entry of pool.entries) {
    if (entry === null) continue;
    if (entry.kind === 'Class') {
      const name = getUtf8(pool, entry.nameIndex);
      if (name.startsWith('[')) fromDescriptor(name);
      else names.add(toDottedName(name));
    } else if (entry.kind === 'NameAndType' || entry.kind === 'MethodType') {
      fromDescriptor(getUtf8(pool, entry.descriptorIndex));
    }
  }
  const annotations = new AnnotationNames(pool, fromDescriptor);
  annotations.visitAttributes(file.attributes);
  for (const member of [...file.methods, ...file.fields]) {
    fromDescriptor(member.descriptor);
    annotations.visitAttributes(member.attributes);
    const code = member.attributes.find((attribute) => attribute.name === 'Code');
    if (code !== undefined) annotations.visitAttributes(readRawCode(code, pool).attributes);
  }
  return [...names];
}

/** Walks annotation attributes, handing every type descriptor they hold to `onDescriptor`. */
class AnnotationNames {
  private info: Uint8Array = new Uint8Array(0);
  private pos = 0;

  constructor(
    private readonly pool: ConstantPool,
    private readonly onDescriptor: (descriptor: string) => void,
  ) {}

  visitAttributes(attributes: readonly RawAttribute[]): void {
    for (const attribute of attributes) {
      this.info = attribute.info;
      this.pos = 0;
      switch (attribute.name) {
        case 'RuntimeVisibleAnnotations':
        case 'RuntimeInvisibleAnnotations':
          this.annotations();
          break;
        case 'RuntimeVisibleParameterAnnotations':
        case 'RuntimeInvisibleParameterAnnotations':
          for (let n = this.u1(); n > 0; n--) this.annotations();
          break;
        case 'RuntimeVisibleTypeAnnotations':
        case 'RuntimeInvisibleTypeAnnotations':
          for (let n = this.u2(); n > 0; n--) this.typeAnnotation();
          break;
      }
    }
  }

  private u1(): number {
    return this.info[this.pos++]!;
  }

  private u2(): number {
    const value = (this.info[this.pos]! << 8) | this.info[this.pos + 1]!;
    this.pos += 2;
    return value;
  }

  private utf8(): string {
    return getUtf8(this.pool, this.u2());
  }

  private annotations(): void {
    for (let n = this.u2(); n > 0; n--) this.annotation();
  }

  /** JVMS §4.7.16: type_index, then element_value_pairs. */
  private annotation(): void {
    this.onDescriptor(this.utf8());
    for (let n = this.u2(); n > 0; n--) {
      this.pos += 2; // element_name_index
      this.elementValue();
    }
  }

  /** JVMS §4.7.16.1. */
  private elementValue(): void {
    const tag = String.fromCharCode(this.u1());
    switch (tag) {
      case 'e':
        this.onDescriptor(this.utf8());
        this.pos += 2; // const_name_index
        break;
      case 'c':
        this.onDescriptor(this.utf8());
        break;
      case '@':
        this.annotation();
        break;
      case '[':
        for (let n = this.u2(); n > 0; n--) this.elementValue();
        break;
      default:
        this.pos += 2; // const_value_index
    }
  }

  /** JVMS §4.7.20: target_type, target_info, type_path, then an annotation. */
  private typeAnnotation(): void {
    const targetType = this.u1();
    if (targetType === 0x00 || targetType === 0x01 || targetType === 0x16) this.pos += 1;
    else if (targetType === 0x10 || targetType === 0x17 || targetType === 0x42 || (targetType >= 0x43 && targetType <= 0x46)) this.pos += 2;
    else if (targetType === 0x11 || targetType === 0x12) this.pos += 2;
    else if (targetType === 0x40 || targetType === 0x41) this.pos += 6 * this.u2();
    else if (targetType >= 0x47 && targetType <= 0x4b) this.pos += 3;
    // 0x13–0x15: empty_target.
    this.pos += 2 * this.u1(); // type_path
    this.annotation();
  }
}
