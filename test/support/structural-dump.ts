// # Structural dump of a class file (test oracle)
//
// An independent, JVMS-shaped text rendering of a class file, in the spirit of ASM's test oracle
// (asm-test's ClassFile): two class files are structurally identical iff their dumps are equal.
// It is built on the raw parser of src/classfile only, never on ClassReader, so that it can judge
// the reader and the writer.
//
// What is abstracted away, because a writer may legally change it:
// - constant pool indices and order, and unused pool entries: every reference is resolved to its value;
// - the BootstrapMethods attribute: each bootstrap method is inlined where an instruction or a
//   constant uses it, so its order and unused entries do not matter;
// - bytecode offsets: branch targets, exception ranges, frames, debug tables and type annotation
//   targets name instruction indices;
// - instruction encodings with the same meaning: ldc/ldc_w/ldc2_w, xload_n/xload n/wide xload n
//   (and stores, iinc, ret), goto/goto_w, jsr/jsr_w, switch padding, same_frame/same_frame_extended;
// - attribute order (sorted by name, stable), several LineNumberTable/LocalVariable(Type)Table
//   attributes of one Code (merged), and the order of entries inside those tables and inside type
//   annotation attributes (the order ASM emits them in depends on visit order, not on meaning).
// Unknown attributes are dumped as hex.

import { ClassFormatError } from '../../src/classfile/class-format-error.js';
import {
  type ConstantPool,
  type ConstantPoolEntry,
  REFERENCE_KIND_NAMES,
  getConstant,
  getUtf8,
} from '../../src/classfile/constant-pool.js';
import { type RawAttribute, readRawClassFile, readRawCode } from '../../src/classfile/raw-class-file.js';

// ## Instruction set (JVMS §6.5): mnemonics by opcode

const MNEMONICS = (
  'nop aconst_null iconst_m1 iconst_0 iconst_1 iconst_2 iconst_3 iconst_4 iconst_5 lconst_0 lconst_1 ' +
  'fconst_0 fconst_1 fconst_2 dconst_0 dconst_1 bipush sipush ldc ldc_w ldc2_w iload lload fload dload aload ' +
  'iload_0 iload_1 iload_2 iload_3 lload_0 lload_1 lload_2 lload_3 fload_0 fload_1 fload_2 fload_3 ' +
  'dload_0 dload_1 dload_2 dload_3 aload_0 aload_1 aload_2 aload_3 iaload laload faload daload aaload baload ' +
  'caload saload istore lstore fstore dstore astore istore_0 istore_1 istore_2 istore_3 lstore_0 lstore_1 ' +
  'lstore_2 lstore_3 fstore_0 fstore_1 fstore_2 fstore_3 dstore_0 dstore_1 dstore_2 dstore_3 astore_0 ' +
  'astore_1 astore_2 astore_3 iastore lastore fastore dastore aastore bastore castore sastore pop pop2 dup ' +
  'dup_x1 dup_x2 dup2 dup2_x1 dup2_x2 swap iadd ladd fadd dadd isub lsub fsub dsub imul lmul fmul dmul idiv ' +
  'ldiv fdiv ddiv irem lrem frem drem ineg lneg fneg dneg ishl lshl ishr lshr iushr lushr iand land ior lor ' +
  'ixor lxor iinc i2l i2f i2d l2i l2f l2d f2i f2l f2d d2i d2l d2f i2b i2c i2s lcmp fcmpl fcmpg dcmpl dcmpg ' +
  'ifeq ifne iflt ifge ifgt ifle if_icmpeq if_icmpne if_icmplt if_icmpge if_icmpgt if_icmple if_acmpeq ' +
  'if_acmpne goto jsr ret tableswitch lookupswitch ireturn lreturn freturn dreturn areturn return ' +
  'getstatic putstatic getfield putfield invokevirtual invokespecial invokestatic invokeinterface ' +
  'invokedynamic new newarray anewarray arraylength athrow checkcast instanceof monitorenter monitorexit ' +
  'wide multianewarray ifnull ifnonnull goto_w jsr_w'
).split(' ');

const WIDE = 0xc4;
const TABLESWITCH = 0xaa;
const LOOKUPSWITCH = 0xab;

/** Operand formats by opcode: '' none, 'b' s1, 's' s2, 'v' local u1, 'c1' pool u1, 'c2' pool u2, 'j' s2 branch, 'J' s4 branch. */
const FORMAT: string[] = new Array<string>(256).fill('?');
for (let op = 0x00; op <= 0x0f; op++) FORMAT[op] = '';
FORMAT[0x10] = 'b';
FORMAT[0x11] = 's';
FORMAT[0x12] = 'c1';
FORMAT[0x13] = 'c2';
FORMAT[0x14] = 'c2';
for (let op = 0x15; op <= 0x19; op++) FORMAT[op] = 'v';
for (let op = 0x1a; op <= 0x35; op++) FORMAT[op] = '';
for (let op = 0x36; op <= 0x3a; op++) FORMAT[op] = 'v';
for (let op = 0x3b; op <= 0x83; op++) FORMAT[op] = '';
FORMAT[0x84] = 'iinc';
for (let op = 0x85; op <= 0x98; op++) FORMAT[op] = '';
for (let op = 0x99; op <= 0xa8; op++) FORMAT[op] = 'j';
FORMAT[0xa9] = 'v';
FORMAT[TABLESWITCH] = 'table';
FORMAT[LOOKUPSWITCH] = 'lookup';
for (let op = 0xac; op <= 0xb1; op++) FORMAT[op] = '';
for (let op = 0xb2; op <= 0xb8; op++) FORMAT[op] = 'c2';
FORMAT[0xb9] = 'invokeinterface';
FORMAT[0xba] = 'invokedynamic';
FORMAT[0xbb] = 'c2';
FORMAT[0xbc] = 'newarray';
FORMAT[0xbd] = 'c2';
FORMAT[0xbe] = '';
FORMAT[0xbf] = '';
FORMAT[0xc0] = 'c2';
FORMAT[0xc1] = 'c2';
FORMAT[0xc2] = '';
FORMAT[0xc3] = '';
FORMAT[WIDE] = 'wide';
FORMAT[0xc5] = 'multianewarray';
FORMAT[0xc6] = 'j';
FORMAT[0xc7] = 'j';
FORMAT[0xc8] = 'J';
FORMAT[0xc9] = 'J';

// ## A bounds-checked reader over one attribute's info

class Info {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly base: number,
    readonly what: string,
  ) {}

  private need(size: number): void {
    if (this.pos + size > this.bytes.length) {
      throw new ClassFormatError(`truncated ${this.what}`, this.base + this.pos);
    }
  }
  u1(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }
  s1(): number {
    return (this.u1() << 24) >> 24;
  }
  u2(): number {
    this.need(2);
    const v = (this.bytes[this.pos]! << 8) | this.bytes[this.pos + 1]!;
    this.pos += 2;
    return v;
  }
  s2(): number {
    return (this.u2() << 16) >> 16;
  }
  s4(): number {
    this.need(4);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!;
  }
  /** A count of items of at least `itemSize` bytes each, checked against the remaining bytes. */
  count(value: number, itemSize: number): number {
    if (value * itemSize > this.bytes.length - this.pos) {
      throw new ClassFormatError(`${this.what}: count ${value} exceeds the attribute`, this.base + this.pos);
    }
    return value;
  }
  end(): void {
    if (this.pos !== this.bytes.length) {
      throw new ClassFormatError(`${this.what}: ${this.bytes.length - this.pos} trailing bytes`, this.base + this.pos);
    }
  }
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return s;
}

function h(n: number): string {
  return '0x' + n.toString(16).padStart(4, '0');
}

/** Per-Code context: maps bytecode offsets to instruction indices. */
interface CodeContext {
  /** offsetToIndex[offset] is the instruction index at offset, or -1; [codeLength] = instruction count. */
  readonly offsetToIndex: Int32Array;
}

interface BootstrapMethod {
  readonly methodRef: number;
  readonly args: number[];
}

// ## The dumper

class Dumper {
  readonly pool: ConstantPool;
  bootstrapMethods: BootstrapMethod[] = [];

  constructor(pool: ConstantPool) {
    this.pool = pool;
  }

  utf8(index: number): string {
    return JSON.stringify(getUtf8(this.pool, index));
  }

  optUtf8(index: number): string {
    return index === 0 ? '-' : this.utf8(index);
  }

  className(index: number): string {
    return getUtf8(this.pool, getConstant(this.pool, index, ['Class']).nameIndex);
  }

  optClassName(index: number): string {
    return index === 0 ? '-' : this.className(index);
  }

  /** The value of any loadable or referenced constant, with its kind, independent of pool layout. */
  constant(index: number, depth = 0): string {
    const e: ConstantPoolEntry = getConstant(this.pool, index);
    switch (e.kind) {
      case 'Utf8':
        return `utf8 ${JSON.stringify(e.value)}`;
      case 'Integer':
        return `int ${e.value}`;
      case 'Float':
        return `float ${e.value} ${h(e.bits)}`;
      case 'Long':
        return `long ${e.value}`;
      case 'Double':
        return `double ${e.value} 0x${e.bits.toString(16)}`;
      case 'Class':
        return `class ${getUtf8(this.pool, e.nameIndex)}`;
      case 'String':
        return `string ${this.utf8(e.stringIndex)}`;
      case 'Fieldref':
      case 'Methodref':
      case 'InterfaceMethodref':
        return `${e.kind} ${this.className(e.classIndex)}.${this.nameAndType(e.nameAndTypeIndex)}`;
      case 'NameAndType':
        return `nat ${this.nameAndType(index)}`;
      case 'MethodHandle':
        return `handle ${REFERENCE_KIND_NAMES[e.referenceKind] ?? 'REF_' + e.referenceKind} ${this.memberRef(e.referenceIndex)}`;
      case 'MethodType':
        return `methodtype ${getUtf8(this.pool, e.descriptorIndex)}`;
      case 'Dynamic':
      case 'InvokeDynamic':
        return `${e.kind} ${this.nameAndType(e.nameAndTypeIndex)} ${this.bootstrap(e.bootstrapMethodAttrIndex, depth)}`;
      case 'Module':
        return `module ${getUtf8(this.pool, e.nameIndex)}`;
      case 'Package':
        return `package ${getUtf8(this.pool, e.nameIndex)}`;
    }
  }

  memberRef(index: number): string {
    const e = getConstant(this.pool, index, ['Fieldref', 'Methodref', 'InterfaceMethodref']);
    return `${e.kind} ${this.className(e.classIndex)}.${this.nameAndType(e.nameAndTypeIndex)}`;
  }

  nameAndType(index: number): string {
    const e = getConstant(this.pool, index, ['NameAndType']);
    return `${getUtf8(this.pool, e.nameIndex)}:${getUtf8(this.pool, e.descriptorIndex)}`;
  }

  /** A bootstrap method inlined: its handle and its resolved static arguments (JVMS §4.7.23). */
  bootstrap(index: number, depth: number): string {
    const bsm = this.bootstrapMethods[index];
    if (bsm === undefined) throw new ClassFormatError(`missing bootstrap method ${index}`);
    // Dynamic constants may nest in bootstrap arguments; a cycle is invalid (JVMS §4.4.10).
    if (depth > 32) throw new ClassFormatError(`bootstrap method ${index}: arguments nest too deeply`);
    const args = bsm.args.map((a) => this.constant(a, depth + 1));
    return `bsm{${this.constant(bsm.methodRef, depth + 1)} [${args.join(', ')}]}`;
  }

  // ### Attributes

  /** Dumps a list of attributes, sorted by name (stable), each as indented lines. */
  attributes(attributes: RawAttribute[], indent: string, out: string[], code: CodeContext | null): void {
    const blocks: Array<{ name: string; lines: string[] }> = [];
    const merged = new Map<string, string[]>();
    for (const a of attributes) {
      if (a.name === 'BootstrapMethods') continue; // inlined at each use
      const lines: string[] = [];
      const info = new Info(a.info, a.offset + 6, a.name);
      const mergeable = code !== null && (a.name === 'LineNumberTable' || a.name === 'LocalVariableTable' || a.name === 'LocalVariableTypeTable');
      if (mergeable) {
        let entries = merged.get(a.name);
        if (entries === undefined) {
          entries = [];
          merged.set(a.name, entries);
          blocks.push({ name: a.name, lines: entries });
        }
        this.debugTable(a.name, info, code, entries, indent + '    ');
        continue;
      }
      this.attribute(a, info, indent + '  ', lines, code);
      blocks.push({ name: a.name, lines });
    }
    blocks.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const b of blocks) {
      if (merged.get(b.name) === b.lines) {
        // An empty debug table says nothing, and the visitor API cannot carry one through a rewrite.
        if (b.lines.length === 0) continue;
        out.push(`${indent}${b.name}`);
        b.lines.sort(byInstructionIndex);
        out.push(`${indent}  entries ${b.lines.length}`);
      } else {
        out.push(`${indent}${b.name}`);
      }
      for (const l of b.lines) out.push(l);
    }
  }

  attribute(a: RawAttribute, r: Info, ind: string, out: string[], code: CodeContext | null): void {
    switch (a.name) {
      case 'ConstantValue': // JVMS §4.7.2
        out.push(`${ind}${this.constant(r.u2())}`);
        break;
      case 'Code':
        this.code(a, ind, out);
        return;
      case 'StackMapTable':
      case 'StackMap': // the uncompressed frames of CLDC's preverifier (kept by ASM and by us for any version)
        if (code === null) {
          // Outside a Code attribute it is not standard: keep it opaque.
          out.push(`${ind}length ${a.length} hex ${hex(a.info)}`);
          return;
        }
        if (a.name === 'StackMap') this.stackMap(r, code, ind, out);
        else this.stackMapTable(r, code, ind, out);
        break;
      case 'Exceptions': {
        // JVMS §4.7.5
        const n = r.count(r.u2(), 2);
        for (let i = 0; i < n; i++) out.push(`${ind}${this.className(r.u2())}`);
        break;
      }
      case 'InnerClasses': {
        // JVMS §4.7.6
        const n = r.count(r.u2(), 8);
        for (let i = 0; i < n; i++) {
          out.push(`${ind}${this.optClassName(r.u2())} outer=${this.optClassName(r.u2())} name=${this.optUtf8(r.u2())} ${h(r.u2())}`);
        }
        break;
      }
      case 'EnclosingMethod': {
        // JVMS §4.7.7
        const owner = this.className(r.u2());
        const method = r.u2();
        out.push(`${ind}${owner} ${method === 0 ? '-' : this.nameAndType(method)}`);
        break;
      }
      case 'Synthetic': // JVMS §4.7.8
      case 'Deprecated': // JVMS §4.7.15
        if (a.length !== 0) out.push(`${ind}hex ${hex(a.info)}`);
        return;
      case 'Signature': // JVMS §4.7.9
      case 'SourceFile': // JVMS §4.7.10
        out.push(`${ind}${this.utf8(r.u2())}`);
        break;
      case 'SourceDebugExtension': // JVMS §4.7.11: opaque bytes
      default:
        out.push(`${ind}length ${a.length} hex ${hex(a.info)}`);
        return;
      case 'RuntimeVisibleAnnotations': // JVMS §4.7.16-17
      case 'RuntimeInvisibleAnnotations': {
        const n = r.count(r.u2(), 4);
        for (let i = 0; i < n; i++) out.push(`${ind}${this.annotation(r)}`);
        break;
      }
      case 'RuntimeVisibleParameterAnnotations': // JVMS §4.7.18-19
      case 'RuntimeInvisibleParameterAnnotations': {
        const parameters = r.u1();
        out.push(`${ind}parameters ${parameters}`);
        for (let p = 0; p < parameters; p++) {
          const n = r.count(r.u2(), 4);
          for (let i = 0; i < n; i++) out.push(`${ind}  ${p}: ${this.annotation(r)}`);
        }
        break;
      }
      case 'RuntimeVisibleTypeAnnotations': // JVMS §4.7.20-21
      case 'RuntimeInvisibleTypeAnnotations': {
        const n = r.count(r.u2(), 6);
        const annotations: string[] = [];
        for (let i = 0; i < n; i++) annotations.push(this.typeAnnotation(r, code));
        annotations.sort();
        for (const s of annotations) out.push(`${ind}${s}`);
        break;
      }
      case 'AnnotationDefault': // JVMS §4.7.22
        out.push(`${ind}${this.elementValue(r, 0)}`);
        break;
      case 'MethodParameters': {
        // JVMS §4.7.24
        const n = r.u1();
        for (let i = 0; i < n; i++) out.push(`${ind}${this.optUtf8(r.u2())} ${h(r.u2())}`);
        break;
      }
      case 'Module':
        this.module(r, ind, out);
        break;
      case 'ModulePackages': {
        // JVMS §4.7.26
        const n = r.count(r.u2(), 2);
        for (let i = 0; i < n; i++) out.push(`${ind}${this.constant(r.u2())}`);
        break;
      }
      case 'ModuleMainClass': // JVMS §4.7.27
      case 'NestHost': // JVMS §4.7.28
        out.push(`${ind}${this.className(r.u2())}`);
        break;
      case 'NestMembers': // JVMS §4.7.29
      case 'PermittedSubclasses': {
        // JVMS §4.7.31
        const n = r.count(r.u2(), 2);
        for (let i = 0; i < n; i++) out.push(`${ind}${this.className(r.u2())}`);
        break;
      }
      case 'Record': {
        // JVMS §4.7.30
        const n = r.count(r.u2(), 6);
        for (let i = 0; i < n; i++) {
          out.push(`${ind}component ${getUtf8(this.pool, r.u2())} ${getUtf8(this.pool, r.u2())}`);
          const attributes = readNestedAttributes(r, this.pool);
          this.attributes(attributes, ind + '  ', out, null);
        }
        break;
      }
      case 'LineNumberTable':
      case 'LocalVariableTable':
      case 'LocalVariableTypeTable':
        // Outside a Code attribute these are not standard: keep them opaque.
        out.push(`${ind}length ${a.length} hex ${hex(a.info)}`);
        return;
    }
    r.end();
  }

  // ### Annotations (JVMS §4.7.16)

  annotation(r: Info): string {
    const type = getUtf8(this.pool, r.u2());
    const n = r.count(r.u2(), 3);
    const pairs: string[] = [];
    for (let i = 0; i < n; i++) pairs.push(`${getUtf8(this.pool, r.u2())}=${this.elementValue(r, 0)}`);
    return `@${type}(${pairs.join(', ')})`;
  }

  elementValue(r: Info, depth: number): string {
    if (depth > 256) throw new ClassFormatError('element values nest too deeply', r.base + r.pos);
    const tag = String.fromCharCode(r.u1());
    switch (tag) {
      case 'B':
      case 'C':
      case 'D':
      case 'F':
      case 'I':
      case 'J':
      case 'S':
      case 'Z':
      case 's':
        return `${tag}:${this.constant(r.u2())}`;
      case 'e':
        return `e:${getUtf8(this.pool, r.u2())}.${getUtf8(this.pool, r.u2())}`;
      case 'c':
        return `c:${getUtf8(this.pool, r.u2())}`;
      case '@':
        return this.annotation(r);
      case '[': {
        const n = r.count(r.u2(), 3);
        const values: string[] = [];
        for (let i = 0; i < n; i++) values.push(this.elementValue(r, depth + 1));
        return `[${values.join(', ')}]`;
      }
      default:
        throw new ClassFormatError(`invalid element_value tag ${JSON.stringify(tag)}`, r.base + r.pos - 1);
    }
  }

  /** JVMS §4.7.20: target_info and type_path, then the annotation itself. */
  typeAnnotation(r: Info, code: CodeContext | null): string {
    const targetType = r.u1();
    let target: string;
    switch (targetType) {
      case 0x00:
      case 0x01:
        target = `type_parameter ${r.u1()}`;
        break;
      case 0x10:
        target = `supertype ${r.u2()}`;
        break;
      case 0x11:
      case 0x12:
        target = `type_parameter_bound ${r.u1()} ${r.u1()}`;
        break;
      case 0x13:
      case 0x14:
      case 0x15:
        target = 'empty';
        break;
      case 0x16:
        target = `formal_parameter ${r.u1()}`;
        break;
      case 0x17:
        target = `throws ${r.u2()}`;
        break;
      case 0x40:
      case 0x41: {
        const n = r.count(r.u2(), 6);
        const ranges: string[] = [];
        for (let i = 0; i < n; i++) {
          const start = r.u2();
          const length = r.u2();
          ranges.push(`${this.range(code, start, length)} var ${r.u2()}`);
        }
        target = `localvar [${ranges.join(', ')}]`;
        break;
      }
      case 0x42:
        target = `catch ${r.u2()}`;
        break;
      case 0x43:
      case 0x44:
      case 0x45:
      case 0x46:
        target = `offset ${this.label(code, r.u2())}`;
        break;
      case 0x47:
      case 0x48:
      case 0x49:
      case 0x4a:
      case 0x4b:
        target = `type_argument ${this.label(code, r.u2())} ${r.u1()}`;
        break;
      default:
        throw new ClassFormatError(`invalid type annotation target_type ${h(targetType)}`, r.base + r.pos - 1);
    }
    const pathLength = r.u1();
    let path = '';
    for (let i = 0; i < pathLength; i++) path += `${r.u1()}.${r.u1()};`;
    return `${h(targetType)} ${target} path[${path}] ${this.annotation(r)}`;
  }

  /** An instruction index for a bytecode offset (`L<index>`), or `@<offset>?` when not an instruction start. */
  label(code: CodeContext | null, offset: number): string {
    if (code === null) return `@${offset}`;
    const table = code.offsetToIndex;
    const index = offset >= 0 && offset < table.length ? table[offset]! : -1;
    return index >= 0 ? `L${index}` : `@${offset}?`;
  }

  range(code: CodeContext | null, start: number, length: number): string {
    return `${this.label(code, start)}..${this.label(code, start + length)}`;
  }

  // ### Code (JVMS §4.7.3)

  code(a: RawAttribute, ind: string, out: string[]): void {
    const c = readRawCode(a, this.pool);
    out.push(`${ind}max_stack ${c.maxStack} max_locals ${c.maxLocals}`);
    const bytes = c.code;
    const offsetToIndex = new Int32Array(bytes.length + 1).fill(-1);
    // Pass 1: instruction boundaries.
    let count = 0;
    for (let p = 0; p < bytes.length; ) {
      offsetToIndex[p] = count++;
      p += instructionLength(bytes, p, c.codeOffset);
    }
    offsetToIndex[bytes.length] = count;
    const ctx: CodeContext = { offsetToIndex };
    // Pass 2: normalized instructions.
    for (let p = 0, index = 0; p < bytes.length; index++) {
      out.push(`${ind}${index}: ${this.instruction(bytes, p, ctx, c.codeOffset)}`);
      p += instructionLength(bytes, p, c.codeOffset);
    }
    for (const e of c.exceptionTable) {
      out.push(
        `${ind}try ${this.label(ctx, e.startPc)}..${this.label(ctx, e.endPc)} -> ${this.label(ctx, e.handlerPc)} ${e.catchType ?? 'any'}`,
      );
    }
    this.attributes(c.attributes, ind, out, ctx);
  }

  instruction(b: Uint8Array, p: number, code: CodeContext, base: number): string {
    const op = b[p]!;
    const u2 = (q: number): number => (b[q]! << 8) | b[q + 1]!;
    const s4 = (q: number): number => (b[q]! << 24) | (b[q + 1]! << 16) | (b[q + 2]! << 8) | b[q + 3]!;
    switch (FORMAT[op]) {
      case '':
        if (op >= 0x1a && op <= 0x2d) return `${MNEMONICS[0x15 + ((op - 0x1a) >> 2)]} ${(op - 0x1a) & 3}`;
        if (op >= 0x3b && op <= 0x4e) return `${MNEMONICS[0x36 + ((op - 0x3b) >> 2)]} ${(op - 0x3b) & 3}`;
        return MNEMONICS[op]!;
      case 'b':
        return `bipush ${(b[p + 1]! << 24) >> 24}`;
      case 's':
        return `sipush ${(u2(p + 1) << 16) >> 16}`;
      case 'c1':
        return `ldc ${this.constant(b[p + 1]!)}`;
      case 'c2':
        return `${op === 0x13 || op === 0x14 ? 'ldc' : MNEMONICS[op]} ${this.constant(u2(p + 1))}`;
      case 'v':
        return `${MNEMONICS[op]} ${b[p + 1]}`;
      case 'iinc':
        return `iinc ${b[p + 1]} ${(b[p + 2]! << 24) >> 24}`;
      case 'j':
        return `${MNEMONICS[op]} ${this.label(code, p + ((u2(p + 1) << 16) >> 16))}`;
      case 'J':
        return `${op === 0xc8 ? 'goto' : 'jsr'} ${this.label(code, p + s4(p + 1))}`;
      case 'table': {
        let q = (p + 4) & ~3;
        const dflt = p + s4(q);
        const low = s4(q + 4);
        const high = s4(q + 8);
        q += 12;
        const targets: string[] = [];
        for (let k = low; k <= high; k++, q += 4) targets.push(this.label(code, p + s4(q)));
        return `tableswitch ${low}..${high} [${targets.join(' ')}] default ${this.label(code, dflt)}`;
      }
      case 'lookup': {
        let q = (p + 4) & ~3;
        const dflt = p + s4(q);
        const n = s4(q + 4);
        q += 8;
        const pairs: string[] = [];
        for (let k = 0; k < n; k++, q += 8) pairs.push(`${s4(q)}:${this.label(code, p + s4(q + 4))}`);
        return `lookupswitch [${pairs.join(' ')}] default ${this.label(code, dflt)}`;
      }
      case 'invokeinterface':
        return `invokeinterface ${this.constant(u2(p + 1))} count ${b[p + 3]} ${b[p + 4]}`;
      case 'invokedynamic':
        return `invokedynamic ${this.constant(u2(p + 1))} ${u2(p + 3)}`;
      case 'newarray':
        return `newarray ${b[p + 1]}`;
      case 'multianewarray':
        return `multianewarray ${this.constant(u2(p + 1))} ${b[p + 3]}`;
      case 'wide': {
        const wop = b[p + 1]!;
        if (wop === 0x84) return `iinc ${u2(p + 2)} ${(u2(p + 4) << 16) >> 16}`;
        return `${MNEMONICS[wop]} ${u2(p + 2)}`;
      }
      default:
        throw new ClassFormatError(`invalid opcode ${op}`, base + p);
    }
  }

  // ### StackMapTable (JVMS §4.7.4): offsets as instruction indices, frame kinds by meaning

  stackMapTable(r: Info, code: CodeContext, ind: string, out: string[]): void {
    const n = r.count(r.u2(), 1);
    let offset = -1;
    for (let i = 0; i < n; i++) {
      const type = r.u1();
      let line: string;
      if (type < 64) {
        offset += type + 1;
        line = 'same';
      } else if (type < 128) {
        offset += type - 64 + 1;
        line = `same1 ${this.verificationType(r, code)}`;
      } else if (type < 247) {
        throw new ClassFormatError(`reserved stack map frame type ${type}`, r.base + r.pos - 1);
      } else if (type === 247) {
        offset += r.u2() + 1;
        line = `same1 ${this.verificationType(r, code)}`;
      } else if (type < 251) {
        offset += r.u2() + 1;
        line = `chop ${251 - type}`;
      } else if (type === 251) {
        offset += r.u2() + 1;
        line = 'same';
      } else if (type < 255) {
        offset += r.u2() + 1;
        const locals: string[] = [];
        for (let k = 0; k < type - 251; k++) locals.push(this.verificationType(r, code));
        line = `append [${locals.join(' ')}]`;
      } else {
        offset += r.u2() + 1;
        line = `full ${this.fullFrameTypes(r, code)}`;
      }
      out.push(`${ind}${this.label(code, offset)} ${line}`);
    }
  }

  /**
   * StackMap, the older form of StackMapTable (CLDC 1.1 §5.3.1, the format JVMS §4.7.4 compresses): each frame
   * has an absolute u2 offset, then u2-counted locals and stack. Dumped as full frames, so that the same frame
   * reads alike in both forms.
   */
  stackMap(r: Info, code: CodeContext, ind: string, out: string[]): void {
    const n = r.count(r.u2(), 6);
    for (let i = 0; i < n; i++) {
      const offset = r.u2();
      out.push(`${ind}${this.label(code, offset)} full ${this.fullFrameTypes(r, code)}`);
    }
  }

  /** The u2-counted locals, then the u2-counted stack, of a full frame (StackMapTable's or StackMap's). */
  fullFrameTypes(r: Info, code: CodeContext): string {
    const nl = r.count(r.u2(), 1);
    const locals: string[] = [];
    for (let k = 0; k < nl; k++) locals.push(this.verificationType(r, code));
    const ns = r.count(r.u2(), 1);
    const stack: string[] = [];
    for (let k = 0; k < ns; k++) stack.push(this.verificationType(r, code));
    return `[${locals.join(' ')}] [${stack.join(' ')}]`;
  }

  verificationType(r: Info, code: CodeContext): string {
    const tag = r.u1();
    switch (tag) {
      case 0:
        return 'T';
      case 1:
        return 'I';
      case 2:
        return 'F';
      case 3:
        return 'D';
      case 4:
        return 'J';
      case 5:
        return 'null';
      case 6:
        return 'uninit_this';
      case 7:
        return this.className(r.u2());
      case 8:
        return `uninit(${this.label(code, r.u2())})`;
      default:
        throw new ClassFormatError(`invalid verification type tag ${tag}`, r.base + r.pos - 1);
    }
  }

  /** LineNumberTable / LocalVariableTable / LocalVariableTypeTable entries (JVMS §4.7.12-14). */
  debugTable(name: string, r: Info, code: CodeContext, entries: string[], ind: string): void {
    const n = r.count(r.u2(), name === 'LineNumberTable' ? 4 : 10);
    for (let i = 0; i < n; i++) {
      if (name === 'LineNumberTable') {
        const start = r.u2();
        entries.push(`${ind}${this.label(code, start)} line ${r.u2()}`);
      } else {
        const start = r.u2();
        const length = r.u2();
        const varName = getUtf8(this.pool, r.u2());
        const descriptor = getUtf8(this.pool, r.u2());
        entries.push(`${ind}${this.range(code, start, length)} var ${r.u2()} ${varName} ${descriptor}`);
      }
    }
    r.end();
  }

  // ### Module (JVMS §4.7.25)

  module(r: Info, ind: string, out: string[]): void {
    out.push(`${ind}module ${this.constant(r.u2())} ${h(r.u2())} version ${this.optUtf8(r.u2())}`);
    const requires = r.count(r.u2(), 6);
    for (let i = 0; i < requires; i++) {
      out.push(`${ind}requires ${this.constant(r.u2())} ${h(r.u2())} version ${this.optUtf8(r.u2())}`);
    }
    for (const kind of ['exports', 'opens']) {
      const n = r.count(r.u2(), 6);
      for (let i = 0; i < n; i++) {
        const pkg = this.constant(r.u2());
        const flags = r.u2();
        const m = r.count(r.u2(), 2);
        const to: string[] = [];
        for (let k = 0; k < m; k++) to.push(this.constant(r.u2()));
        out.push(`${ind}${kind} ${pkg} ${h(flags)} to [${to.join(', ')}]`);
      }
    }
    const uses = r.count(r.u2(), 2);
    for (let i = 0; i < uses; i++) out.push(`${ind}uses ${this.className(r.u2())}`);
    const provides = r.count(r.u2(), 4);
    for (let i = 0; i < provides; i++) {
      const service = this.className(r.u2());
      const m = r.count(r.u2(), 2);
      const with_: string[] = [];
      for (let k = 0; k < m; k++) with_.push(this.className(r.u2()));
      out.push(`${ind}provides ${service} with [${with_.join(', ')}]`);
    }
  }
}

/** Orders debug table entries by their (numeric) instruction index, then by text. */
const numericCollator = new Intl.Collator('en', { numeric: true });
function byInstructionIndex(a: string, b: string): number {
  // The collator may call distinct strings equal; fall back to code units so the order is canonical.
  return numericCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Reads an attributes table nested in an attribute (Record components). */
function readNestedAttributes(r: Info, pool: ConstantPool): RawAttribute[] {
  const n = r.count(r.u2(), 6);
  const attributes: RawAttribute[] = [];
  for (let i = 0; i < n; i++) {
    const offset = r.base + r.pos;
    const nameIndex = r.u2();
    const name = getUtf8(pool, nameIndex, offset);
    const length = r.s4() >>> 0;
    if (length > r.bytes.length - r.pos) throw new ClassFormatError(`truncated attribute ${name}`, offset);
    const info = r.bytes.subarray(r.pos, r.pos + length);
    r.pos += length;
    attributes.push({ name, nameIndex, offset, length, info });
  }
  return attributes;
}

/** The length in bytes of the instruction at `p` (JVMS §6.5), bounds-checked against the code. */
function instructionLength(b: Uint8Array, p: number, base: number): number {
  const op = b[p]!;
  const format = FORMAT[op]!;
  let length: number;
  switch (format) {
    case '':
      length = 1;
      break;
    case 'b':
    case 'c1':
    case 'v':
    case 'newarray':
      length = 2;
      break;
    case 's':
    case 'c2':
    case 'iinc':
    case 'j':
      length = 3;
      break;
    case 'multianewarray':
      length = 4;
      break;
    case 'J':
    case 'invokeinterface':
    case 'invokedynamic':
      length = 5;
      break;
    case 'wide':
      if (p + 1 >= b.length) throw new ClassFormatError('truncated wide instruction', base + p);
      length = b[p + 1] === 0x84 ? 6 : 4;
      break;
    case 'table':
    case 'lookup': {
      const q = (p + 4) & ~3;
      // tableswitch: default, low, high; lookupswitch: default, npairs (a lookupswitch with no
      // pairs ends right there, as javacc's generated token managers have at the end of a method).
      if (q + (format === 'table' ? 12 : 8) > b.length) throw new ClassFormatError('truncated switch instruction', base + p);
      const s4 = (x: number): number => (b[x]! << 24) | (b[x + 1]! << 16) | (b[x + 2]! << 8) | b[x + 3]!;
      if (format === 'table') {
        const entries = s4(q + 8) - s4(q + 4) + 1;
        if (entries < 0 || entries > b.length) throw new ClassFormatError('invalid tableswitch bounds', base + p);
        length = q + 12 + entries * 4 - p;
      } else {
        const pairs = s4(q + 4);
        if (pairs < 0 || pairs > b.length) throw new ClassFormatError('invalid lookupswitch count', base + p);
        length = q + 8 + pairs * 8 - p;
      }
      break;
    }
    default:
      throw new ClassFormatError(`invalid opcode ${op}`, base + p);
  }
  if (p + length > b.length) throw new ClassFormatError(`truncated instruction ${MNEMONICS[op]}`, base + p);
  return length;
}

/**
 * The structural dump of a class file: equal for two class files iff they are structurally
 * identical (same classes, members, instructions, attributes and constant values, whatever the
 * constant pool layout and instruction encodings). Throws ClassFormatError on malformed input.
 */
export function structuralDump(bytes: Uint8Array): string {
  const cf = readRawClassFile(bytes);
  const pool = cf.constantPool;
  const d = new Dumper(pool);
  for (const a of cf.attributes) {
    if (a.name !== 'BootstrapMethods') continue;
    // JVMS §4.7.23
    const r = new Info(a.info, a.offset + 6, a.name);
    const n = r.count(r.u2(), 4);
    for (let i = 0; i < n; i++) {
      const methodRef = r.u2();
      const m = r.count(r.u2(), 2);
      const args: number[] = [];
      for (let k = 0; k < m; k++) args.push(r.u2());
      d.bootstrapMethods.push({ methodRef, args });
    }
    r.end();
  }
  const out: string[] = [];
  out.push(`version ${cf.majorVersion}.${cf.minorVersion}`);
  out.push(`class ${h(cf.access)} ${cf.thisClass} extends ${cf.superClass ?? '-'}`);
  for (const i of cf.interfaces) out.push(`  implements ${i}`);
  for (const f of cf.fields) {
    out.push(`field ${h(f.access)} ${f.name} ${f.descriptor}`);
    d.attributes(f.attributes, '  ', out, null);
  }
  for (const m of cf.methods) {
    out.push(`method ${h(m.access)} ${m.name}${m.descriptor}`);
    d.attributes(m.attributes, '  ', out, null);
  }
  out.push('attributes');
  d.attributes(cf.attributes, '  ', out, null);
  return out.join('\n') + '\n';
}

/**
 * A short, human-readable account of where two dumps first differ (line number and the two
 * lines, with a little context), or null when they are equal.
 */
export function firstDumpDifference(expected: string, actual: string): string | null {
  if (expected === actual) return null;
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // The nearest enclosing member gives the failure a place.
  let where = '';
  for (let k = Math.min(i, a.length - 1); k >= 0; k--) {
    if (/^(field|method|attributes)/.test(a[k]!)) {
      where = a[k]!;
      break;
    }
  }
  const clip = (s: string | undefined): string => (s === undefined ? '<end>' : s.length > 200 ? s.slice(0, 200) + '…' : s);
  return `in ${where || 'header'}, line ${i + 1}: expected ${JSON.stringify(clip(a[i]))}, got ${JSON.stringify(clip(b[i]))}`;
}
