// # The instructions of a method that shape its control flow graph, as the code transcoder writes them
//
// With COMPUTE_FRAMES, bytecode-frames.ts builds MethodWriter's control flow graph of a method the code
// transcoder writes (code-transcoder.ts). The transcoder decodes each instruction as it writes it; those
// that end a basic block (return, athrow, goto, switches), start one after them (conditional jumps, and
// stores in a method with handlers, see MethodWriter.trackVarInsn) or raise max_locals (the variable
// instructions) are noted here as it goes (GraphEvents.note), so that the graph is built from these
// events and the labels, without decoding the code again.

import { readS2, readS4, readU2 } from './big-endian.js';
import { Insn, INSN_KINDS } from './instruction-kinds.js';
import { Op } from './op.js';

// What the graph takes from each instruction, by opcode: most only have a size (INSN_SIZES); the others
// end a block, start one after them, or raise max_locals.
export const enum Graph {
  SKIP = 0,
  /** xRETURN, ATHROW. */
  END = 1,
  /** xLOAD_n; xSTORE_n: max_locals from IMPLICIT_LOCALS (and a store ends the block in a handler range). */
  IMPLICIT_LOAD = 2,
  IMPLICIT_STORE = 3,
  /** xLOAD, xSTORE with a one-byte index. */
  LOAD = 4,
  STORE = 5,
  IINC = 6,
  WIDE = 7,
  JUMP = 8,
  WIDE_JUMP = 9,
  TABLESWITCH = 10,
  LOOKUPSWITCH = 11,
  /** JSR, RET, JSR_W (subroutines, which MethodWriter inlines), ASM's own opcodes, undefined ones. */
  UNSUPPORTED = 12,
}

/** @internal The Graph kind of each opcode (0, Graph.SKIP, for those the graph ignores). */
export const GRAPH_KINDS = new Uint8Array(256).fill(Graph.UNSUPPORTED);
/** @internal For xLOAD_n and xSTORE_n: n plus the size of the value, what max_locals must cover. */
export const IMPLICIT_LOCALS = new Uint8Array(256);
for (let opcode = 0; opcode < 256; ++opcode) {
  switch (INSN_KINDS[opcode]) {
    case Insn.INSN_NONE:
      GRAPH_KINDS[opcode] = (opcode >= Op.IRETURN && opcode <= Op.RETURN) || opcode === Op.ATHROW ? Graph.END : Graph.SKIP;
      break;
    case Insn.INSN_IMPLICIT_LOAD:
    case Insn.INSN_IMPLICIT_STORE: {
      const isLoad = INSN_KINDS[opcode] === Insn.INSN_IMPLICIT_LOAD;
      const implicit = opcode - (isLoad ? Op.ILOAD_0 : Op.ISTORE_0);
      const type = implicit >> 2; // I, L, F, D, A
      GRAPH_KINDS[opcode] = isLoad ? Graph.IMPLICIT_LOAD : Graph.IMPLICIT_STORE;
      IMPLICIT_LOCALS[opcode] = (implicit & 3) + (type === 1 || type === 3 ? 2 : 1);
      break;
    }
    case Insn.INSN_VAR:
      if (opcode !== Op.RET) GRAPH_KINDS[opcode] = opcode < Op.ISTORE ? Graph.LOAD : Graph.STORE;
      break;
    case Insn.INSN_IINC:
      GRAPH_KINDS[opcode] = Graph.IINC;
      break;
    case Insn.INSN_WIDE:
      GRAPH_KINDS[opcode] = Graph.WIDE;
      break;
    case Insn.INSN_JUMP:
      if (opcode !== Op.JSR) GRAPH_KINDS[opcode] = Graph.JUMP;
      break;
    case Insn.INSN_WIDE_JUMP:
      if (opcode === Op.GOTO_W) GRAPH_KINDS[opcode] = Graph.WIDE_JUMP;
      break;
    case Insn.INSN_TABLESWITCH:
      GRAPH_KINDS[opcode] = Graph.TABLESWITCH;
      break;
    case Insn.INSN_LOOKUPSWITCH:
      GRAPH_KINDS[opcode] = Graph.LOOKUPSWITCH;
      break;
    case Insn.INSN_BYTE:
    case Insn.INSN_SHORT:
    case Insn.INSN_LDC:
    case Insn.INSN_LDC_W:
    case Insn.INSN_FIELD_OR_METHOD:
    case Insn.INSN_INVOKEINTERFACE:
    case Insn.INSN_INVOKEDYNAMIC:
    case Insn.INSN_TYPE:
    case Insn.INSN_MULTIANEWARRAY:
      GRAPH_KINDS[opcode] = Graph.SKIP;
      break;
    default:
      break;
  }
}

/** @internal A copy of `array` with room for `minLength` elements at least (twice its length). */
export function grownInt32(array: Int32Array, minLength: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(minLength, 2 * array.length));
  grown.set(array);
  return grown;
}

export const EVENT_END = 1;
export const EVENT_STORE = 2;
export const EVENT_JUMP = 3;
export const EVENT_GOTO = 4;
export const EVENT_SWITCH = 5;

/** @internal The graph events of one method, in code order (see above); one instance, reused. */
export class GraphEvents {
  count = 0;
  /** max_locals so far: the writer's (arguments, local variable table), then the variable instructions'. */
  maxLocals = 0;
  /** Whether an instruction was seen that MethodWriter handles otherwise (subroutines, ASM's opcodes). */
  unsupported = false;
  private hasHandlers = false;
  /** Per event: its kind, the old offset of its instruction, of the next, and of the jump target. */
  kinds = new Uint8Array(256);
  offsets = new Int32Array(256);
  nexts = new Int32Array(256);
  targets = new Int32Array(256);

  reset(maxLocals: number, hasHandlers: boolean): void {
    this.count = 0;
    this.maxLocals = maxLocals;
    this.unsupported = false;
    this.hasHandlers = hasHandlers;
  }

  private add(kind: number, offset: number, next: number, target: number): void {
    const count = this.count;
    if (count === this.offsets.length) {
      this.offsets = grownInt32(this.offsets, count + 1);
      this.nexts = grownInt32(this.nexts, count + 1);
      this.targets = grownInt32(this.targets, count + 1);
      const kinds = new Uint8Array(2 * count);
      kinds.set(this.kinds);
      this.kinds = kinds;
    }
    this.kinds[count] = kind;
    this.offsets[count] = offset;
    this.nexts[count] = next;
    this.targets[count] = target;
    this.count = count + 1;
  }

  /** Raises max_locals to `end` (the transcoder's implicit loads: see transcodeDirect). */
  local(end: number): void {
    if (end > this.maxLocals) this.maxLocals = end;
  }

  /**
   * Notes the instruction `opcode` at `p` in `b` (old offset `offset`, the next at `next`) if it shapes the
   * graph (what MethodWriter's visit methods do with COMPUTE_ALL_FRAMES besides simulating it).
   */
  note(b: Uint8Array, p: number, opcode: number, offset: number, next: number): void {
    switch (GRAPH_KINDS[opcode]) {
      case Graph.SKIP:
        break;
      case Graph.END:
        this.add(EVENT_END, offset, next, 0);
        break;
      case Graph.IMPLICIT_LOAD:
        this.local(IMPLICIT_LOCALS[opcode]!);
        break;
      case Graph.IMPLICIT_STORE:
        this.local(IMPLICIT_LOCALS[opcode]!);
        // trackVarInsn: with handlers, a block after each store.
        if (this.hasHandlers) this.add(EVENT_STORE, offset, next, 0);
        break;
      case Graph.LOAD:
      case Graph.STORE:
        this.local(b[p + 1]! + (opcode === Op.LLOAD || opcode === Op.DLOAD || opcode === Op.LSTORE || opcode === Op.DSTORE ? 2 : 1));
        if (opcode >= Op.ISTORE && this.hasHandlers) this.add(EVENT_STORE, offset, next, 0);
        break;
      case Graph.IINC:
        this.local(b[p + 1]! + 1);
        break;
      case Graph.WIDE: {
        const wideOpcode = b[p + 1]!;
        const varIndex = readU2(b, p + 2);
        if (wideOpcode === Op.IINC) {
          this.local(varIndex + 1);
        } else {
          this.local(varIndex + (wideOpcode === Op.LLOAD || wideOpcode === Op.DLOAD || wideOpcode === Op.LSTORE || wideOpcode === Op.DSTORE ? 2 : 1));
          if (wideOpcode >= Op.ISTORE && this.hasHandlers) this.add(EVENT_STORE, offset, next, 0);
        }
        break;
      }
      case Graph.JUMP:
        this.add(opcode === Op.GOTO ? EVENT_GOTO : EVENT_JUMP, offset, next, offset + readS2(b, p + 1));
        break;
      case Graph.WIDE_JUMP:
        this.add(EVENT_GOTO, offset, next, offset + readS4(b, p + 1));
        break;
      case Graph.TABLESWITCH:
      case Graph.LOOKUPSWITCH:
        this.add(EVENT_SWITCH, offset, next, opcode);
        break;
      default:
        this.unsupported = true;
        break;
    }
  }
}

/** @internal The graph events of the method being transcoded (see GraphEvents). */
export const graphEvents = new GraphEvents();
