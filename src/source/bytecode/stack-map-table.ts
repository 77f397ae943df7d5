// # Javassist's StackMapTable: a method's stack map frames (JVMS §4.7.4), read-only
//
// `ca.getAttribute(StackMapTable.tag)` answers the StackMapTable of the code as the class file has it
// (as written now: for a class nobody changed, javac's own), or null when it has none. Tools check
// for it, print it (`smt.println(out)`, Javassist's Printer), or walk it with a StackMapTable.Walker
// subclass, which is called back per frame as Javassist's is: `pos` is the frame's index in the
// attribute's info bytes, `offsetDelta` the frame's offset_delta, type tags are the
// verification_type_info tags (TOP … UNINIT) with their data (a Class entry's index for OBJECT, the
// `new`'s offset for UNINIT, else 0).

import { AttributeInfo } from './attribute-info.js';
import { BadBytecode } from './signature-attribute.js';

/** Where println writes: a stream (process.stdout), or a function given each line. */
export type StackMapTableOutput = { write(text: string): unknown } | ((line: string) => void);

/** Javassist's StackMapTable.Walker: parse() calls one method per frame; override the ones wanted. */
export class StackMapTableWalker {
  protected readonly info: Uint8Array;
  private readonly numOfEntries: number;

  constructor(table: StackMapTable | Uint8Array) {
    this.info = table instanceof Uint8Array ? table : table.get();
    this.numOfEntries = this.u2(0);
  }

  /** number_of_entries. */
  size(): number {
    return this.numOfEntries;
  }

  /** Visits every frame in order. */
  parse(): void {
    let pos = 2;
    for (let i = 0; i < this.numOfEntries; i++) pos = this.frame(pos);
  }

  /** same_frame (frame_type 0-63) and same_frame_extended (251). */
  sameFrame(_pos: number, _offsetDelta: number): void {}

  /** same_locals_1_stack_item_frame (64-127) and its extended form (247). */
  sameLocals(_pos: number, _offsetDelta: number, _stackTag: number, _stackData: number): void {}

  /** chop_frame (248-250): the last `k` locals are gone. */
  chopFrame(_pos: number, _offsetDelta: number, _k: number): void {}

  /** append_frame (252-254): locals of `tags`/`data` added. */
  appendFrame(_pos: number, _offsetDelta: number, _tags: number[], _data: number[]): void {}

  /** full_frame (255). */
  fullFrame(_pos: number, _offsetDelta: number, _localTags: number[], _localData: number[], _stackTags: number[], _stackData: number[]): void {}

  /** Called for each OBJECT or UNINIT type before its frame's method; `pos` is the index of its data. */
  objectOrUninitialized(_tag: number, _data: number, _pos: number): void {}

  private u2(at: number): number {
    return (this.info[at]! << 8) | this.info[at + 1]!;
  }

  private frame(pos: number): number {
    const type = this.info[pos]!;
    if (type < 64) {
      this.sameFrame(pos, type);
      return pos + 1;
    }
    if (type < 128 || type === 247) {
      // The stack item follows the frame_type, or the u2 offset_delta of the extended form.
      const start = pos;
      let offsetDelta = type - 64;
      if (type === 247) {
        offsetDelta = this.u2(pos + 1);
        pos += 2;
      }
      const tag = this.info[pos + 1]!;
      let data = 0;
      if (tag === StackMapTable.OBJECT || tag === StackMapTable.UNINIT) {
        data = this.u2(pos + 2);
        this.objectOrUninitialized(tag, data, pos + 2);
        pos += 2;
      }
      this.sameLocals(start, offsetDelta, tag, data);
      return pos + 2;
    }
    if (type < 247) throw new BadBytecode(`bad frame_type in StackMapTable`);
    const offsetDelta = this.u2(pos + 1);
    if (type < 251) {
      this.chopFrame(pos, offsetDelta, 251 - type);
      return pos + 3;
    }
    if (type === 251) {
      this.sameFrame(pos, offsetDelta);
      return pos + 3;
    }
    if (type < 255) {
      const k = type - 251;
      const tags = new Array<number>(k);
      const data = new Array<number>(k);
      const end = this.types(pos + 3, k, tags, data);
      this.appendFrame(pos, offsetDelta, tags, data);
      return end;
    }
    const localCount = this.u2(pos + 3);
    const localTags = new Array<number>(localCount);
    const localData = new Array<number>(localCount);
    let at = this.types(pos + 5, localCount, localTags, localData);
    const stackCount = this.u2(at);
    const stackTags = new Array<number>(stackCount);
    const stackData = new Array<number>(stackCount);
    at = this.types(at + 2, stackCount, stackTags, stackData);
    this.fullFrame(pos, offsetDelta, localTags, localData, stackTags, stackData);
    return at;
  }

  /** Reads `count` verification_type_info from `at` (JVMS §4.7.4); the index after them. */
  private types(at: number, count: number, tags: number[], data: number[]): number {
    for (let i = 0; i < count; i++) {
      const tag = this.info[at]!;
      tags[i] = tag;
      if (tag === StackMapTable.OBJECT || tag === StackMapTable.UNINIT) {
        data[i] = this.u2(at + 1);
        this.objectOrUninitialized(tag, data[i]!, at + 1);
        at += 3;
      } else {
        data[i] = 0;
        at += 1;
      }
    }
    return at;
  }
}

/** Javassist's StackMapTable.Printer: each frame's offset (the pc it applies to) and kind, its types indented. */
class StackMapTablePrinter extends StackMapTableWalker {
  private offset = -1;

  constructor(
    info: Uint8Array,
    private readonly println: (line: string) => void,
  ) {
    super(info);
  }

  override sameFrame(_pos: number, offsetDelta: number): void {
    this.offset += offsetDelta + 1;
    this.println(`${this.offset} same frame: ${offsetDelta}`);
  }

  override sameLocals(_pos: number, offsetDelta: number, stackTag: number, stackData: number): void {
    this.offset += offsetDelta + 1;
    this.println(`${this.offset} same locals: ${offsetDelta}`);
    this.typeInfo(stackTag, stackData);
  }

  override chopFrame(_pos: number, offsetDelta: number, k: number): void {
    this.offset += offsetDelta + 1;
    this.println(`${this.offset} chop frame: ${offsetDelta},    ${k} last locals`);
  }

  override appendFrame(_pos: number, offsetDelta: number, tags: number[], data: number[]): void {
    this.offset += offsetDelta + 1;
    this.println(`${this.offset} append frame: ${offsetDelta}`);
    tags.forEach((tag, i) => this.typeInfo(tag, data[i]!));
  }

  override fullFrame(_pos: number, offsetDelta: number, localTags: number[], localData: number[], stackTags: number[], stackData: number[]): void {
    this.offset += offsetDelta + 1;
    this.println(`${this.offset} full frame: ${offsetDelta}`);
    this.println('[locals]');
    localTags.forEach((tag, i) => this.typeInfo(tag, localData[i]!));
    this.println('[stack]');
    stackTags.forEach((tag, i) => this.typeInfo(tag, stackData[i]!));
  }

  private typeInfo(tag: number, data: number): void {
    const names = ['top', 'integer', 'float', 'double', 'long', 'null', 'this'];
    const text = tag === StackMapTable.OBJECT ? `object (cpool_index ${data})` : tag === StackMapTable.UNINIT ? `uninitialized (offset ${data})` : (names[tag] ?? 'null');
    this.println(`    ${text}`);
  }
}

export class StackMapTable extends AttributeInfo {
  static readonly tag = 'StackMapTable';
  // verification_type_info tags (JVMS §4.7.4).
  static readonly TOP = 0;
  static readonly INTEGER = 1;
  static readonly FLOAT = 2;
  static readonly DOUBLE = 3;
  static readonly LONG = 4;
  static readonly NULL = 5;
  /** UninitializedThis. */
  static readonly THIS = 6;
  static readonly OBJECT = 7;
  static readonly UNINIT = 8;
  /** `class extends StackMapTable.Walker { … }`, as Javassist's nested class. */
  static readonly Walker = StackMapTableWalker;

  /** @internal The attribute's info bytes. */
  constructor(private readonly info: Uint8Array) {
    super(StackMapTable.tag);
  }

  /** The verification type tag of a descriptor's first character (Javassist's typeTagOf). */
  static typeTagOf(descriptor: string): number {
    switch (descriptor.charAt(0)) {
      case 'D':
        return StackMapTable.DOUBLE;
      case 'F':
        return StackMapTable.FLOAT;
      case 'J':
        return StackMapTable.LONG;
      case 'L':
      case '[':
        return StackMapTable.OBJECT;
      default:
        return StackMapTable.INTEGER;
    }
  }

  /** The info bytes (number_of_entries, then the frames), a copy. */
  get(): Uint8Array {
    return new Uint8Array(this.info);
  }

  /** The attribute's size in the class file: its info bytes and the 6-byte header (Javassist's AttributeInfo.length). */
  length(): number {
    return this.info.length + 6;
  }

  /** Prints the frames as Javassist's Printer does (to process.stdout by default). */
  println(out: StackMapTableOutput = process.stdout): void {
    const line = typeof out === 'function' ? out : (text: string): void => void out.write(`${text}\n`);
    try {
      new StackMapTablePrinter(this.info, line).parse();
    } catch (error) {
      if (!(error instanceof BadBytecode)) throw error;
      line(error.message);
    }
  }
}
