// Test support: random, mostly valid method bodies for testing frame computation. Each generated
// class has a few static methods built from nested statements (stores of every value kind, if/else,
// loops, switches, try/catch, early returns and throws with dead code after them) and expressions
// whose branches merge different types on the stack and in locals (an ArrayList on one side and a
// LinkedList on the other, an int and a String in the same local) or keep an uninitialized object
// on the stack across a branch (`new Integer(c ? 1 : 2)`). Classes are written without frames; a
// test then computes them and lets HotSpot judge. The generator tracks types to stay mostly valid,
// but it is not a verifier: programs it gets wrong fail with any frames, so a test compares with
// another frame computer (ASM) rather than expecting every class to pass.

import { ClassWriter } from '../../src/asm/class-writer.js';
import { Label } from '../../src/asm/label.js';
import type { MethodVisitor } from '../../src/asm/method-visitor.js';
import { Opcodes } from '../../src/asm/opcodes.js';

/** A verification type of the model: I J F D, `null`, `top`, or a reference (internal name or array descriptor). */
type Kind = string;

const TOP = 'top';
const NULL = 'null';

/** Super class and interfaces of the reference types the generator uses (a fixed slice of the JDK). */
const HIERARCHY: Record<string, { superName: string | null; interfaces: string[] }> = {
  'java/lang/Object': { superName: null, interfaces: [] },
  'java/lang/String': { superName: 'java/lang/Object', interfaces: ['java/lang/CharSequence'] },
  'java/lang/Number': { superName: 'java/lang/Object', interfaces: [] },
  'java/lang/Integer': { superName: 'java/lang/Number', interfaces: ['java/lang/Comparable'] },
  'java/lang/Long': { superName: 'java/lang/Number', interfaces: ['java/lang/Comparable'] },
  'java/util/AbstractCollection': { superName: 'java/lang/Object', interfaces: ['java/util/Collection'] },
  'java/util/AbstractList': { superName: 'java/util/AbstractCollection', interfaces: ['java/util/List'] },
  'java/util/AbstractSequentialList': { superName: 'java/util/AbstractList', interfaces: [] },
  'java/util/ArrayList': { superName: 'java/util/AbstractList', interfaces: ['java/util/List'] },
  'java/util/LinkedList': { superName: 'java/util/AbstractSequentialList', interfaces: ['java/util/List'] },
  'java/lang/Throwable': { superName: 'java/lang/Object', interfaces: [] },
  'java/lang/Exception': { superName: 'java/lang/Throwable', interfaces: [] },
  'java/lang/RuntimeException': { superName: 'java/lang/Exception', interfaces: [] },
  'java/lang/IllegalStateException': { superName: 'java/lang/RuntimeException', interfaces: [] },
  'java/lang/IllegalArgumentException': { superName: 'java/lang/RuntimeException', interfaces: [] },
};
/** Classes with a public no-argument constructor. */
const CONSTRUCTIBLE = ['java/lang/Object', 'java/util/ArrayList', 'java/util/LinkedList', 'java/lang/RuntimeException', 'java/lang/IllegalStateException', 'java/lang/IllegalArgumentException', 'java/lang/Exception'];
const THROWABLES = ['java/lang/RuntimeException', 'java/lang/IllegalStateException', 'java/lang/IllegalArgumentException', 'java/lang/Exception'];
const CATCH_TYPES = ['java/lang/Throwable', 'java/lang/Exception', 'java/lang/RuntimeException', 'java/lang/IllegalStateException'];

function isReference(kind: Kind): boolean {
  return kind !== 'I' && kind !== 'J' && kind !== 'F' && kind !== 'D' && kind !== TOP;
}

function superChain(name: string): string[] {
  const chain: string[] = [];
  for (let current: string | null = name; current !== null; current = HIERARCHY[current]?.superName ?? null) chain.push(current);
  return chain;
}

/** Whether a value of `kind` may be used where `expected` (a class of HIERARCHY, or an array type) is wanted. */
function isAssignable(kind: Kind, expected: string): boolean {
  if (kind === NULL) return true;
  if (kind === expected) return true;
  if (expected === 'java/lang/Object') return isReference(kind);
  if (kind.startsWith('[')) return false;
  return superChain(kind).includes(expected);
}

/** The merge of two model types at a join point (JVMS §4.10.1.2, classes only: interfaces become Object). */
function merge(a: Kind, b: Kind): Kind {
  if (a === b) return a;
  if (!isReference(a) || !isReference(b)) return TOP;
  if (a === NULL) return b;
  if (b === NULL) return a;
  if (a.startsWith('[') || b.startsWith('[')) return 'java/lang/Object';
  const chainB = new Set(superChain(b));
  return superChain(a).find((name) => chainB.has(name)) ?? 'java/lang/Object';
}

interface State {
  locals: Kind[];
  /** False after return, throw or goto: the code that follows is dead. */
  live: boolean;
}

function mergeStates(a: State, b: State): State {
  if (!a.live) return { locals: [...b.locals], live: b.live };
  if (!b.live) return { locals: [...a.locals], live: true };
  return { locals: a.locals.map((kind, i) => merge(kind, b.locals[i]!)), live: true };
}

const RETURN_TYPES = ['V', 'I', 'J', 'D', 'Ljava/lang/Object;', 'Ljava/lang/String;', 'Ljava/util/List;'];
const PARAMETER_TYPES = ['I', 'J', 'D', 'Ljava/lang/String;', 'Ljava/lang/Object;', '[I'];

function kindOfDescriptor(descriptor: string): Kind {
  if (descriptor.startsWith('L')) return descriptor.slice(1, -1);
  return descriptor; // I J F D, or an array descriptor
}

class MethodGenerator {
  private readonly mv: MethodVisitor;
  private readonly random: () => number;
  private readonly returnType: string;
  private readonly maxLocals: number;
  private budget: number;

  constructor(mv: MethodVisitor, random: () => number, returnType: string, maxLocals: number) {
    this.mv = mv;
    this.random = random;
    this.returnType = returnType;
    this.maxLocals = maxLocals;
    this.budget = 60;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  // ## Expressions: each pushes one value and returns its model type.

  private intValue(state: State, depth: number): Kind {
    const mv = this.mv;
    const choice = depth > 2 ? Math.floor(this.random() * 2) : Math.floor(this.random() * 10);
    const ints = state.locals.flatMap((kind, i) => (kind === 'I' ? [i] : []));
    switch (choice) {
      case 8:
      case 9:
        this.commonSuperClassUse(state, depth + 1);
        return 'I';
      case 0:
        mv.visitIntInsn(Opcodes.BIPUSH, Math.floor(this.random() * 200) - 100);
        return 'I';
      case 1:
        if (ints.length === 0) {
          mv.visitInsn(Opcodes.ICONST_3);
          return 'I';
        }
        mv.visitVarInsn(Opcodes.ILOAD, this.pick(ints));
        return 'I';
      case 2:
        this.intValue(state, depth + 1);
        this.intValue(state, depth + 1);
        mv.visitInsn(this.pick([Opcodes.IADD, Opcodes.ISUB, Opcodes.IMUL, Opcodes.IXOR]));
        return 'I';
      case 3: {
        // A ternary: the int on the stack at the join.
        const otherwise = new Label();
        const end = new Label();
        this.condition(state, depth + 1, otherwise);
        this.intValue(state, depth + 1);
        mv.visitJumpInsn(Opcodes.GOTO, end);
        mv.visitLabel(otherwise);
        this.intValue(state, depth + 1);
        mv.visitLabel(end);
        return 'I';
      }
      case 4:
        this.referenceValue(state, depth + 1, 'java/lang/String');
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/lang/String', 'length', '()I', false);
        return 'I';
      case 5: {
        const kind = this.referenceValue(state, depth + 1, null);
        if (kind.startsWith('[')) mv.visitInsn(Opcodes.ARRAYLENGTH);
        else if (isAssignable(kind, 'java/util/AbstractList')) mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/util/AbstractList', 'hashCode', '()I', false);
        else if (isAssignable(kind, 'java/lang/Number')) mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/lang/Number', 'intValue', '()I', false);
        else if (kind === 'java/util/List') mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, 'java/util/List', 'size', '()I', true);
        else mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/lang/Object', 'hashCode', '()I', false);
        return 'I';
      }
      case 6:
        this.wideValue(state, depth + 1);
        return 'I';
      default: {
        const arrays = state.locals.flatMap((kind, i) => (kind === '[I' ? [i] : []));
        if (arrays.length === 0) {
          mv.visitInsn(Opcodes.ICONST_1);
          return 'I';
        }
        mv.visitVarInsn(Opcodes.ALOAD, this.pick(arrays));
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.IALOAD);
        return 'I';
      }
    }
  }

  /**
   * Two objects of different classes merged at a join, then used as their common super class:
   * the frame at the join must hold exactly that class (getCommonSuperClass), not Object.
   */
  private commonSuperClassUse(state: State, depth: number): void {
    const mv = this.mv;
    const [sides, use] = this.pick([
      [['java/util/ArrayList', 'java/util/LinkedList'], () => mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/util/AbstractList', 'hashCode', '()I', false)],
      [['java/lang/Integer', 'java/lang/Long'], () => mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/lang/Number', 'intValue', '()I', false)],
      [['java/lang/IllegalStateException', 'java/lang/IllegalArgumentException', 'java/lang/Exception'], () => {
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/lang/Throwable', 'getMessage', '()Ljava/lang/String;', false);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, 'java/lang/String', 'valueOf', '(Ljava/lang/Object;)Ljava/lang/String;', false);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/lang/String', 'length', '()I', false);
      }],
    ] as [string[], () => void][]);
    const otherwise = new Label();
    const end = new Label();
    this.condition(state, depth + 1, otherwise);
    this.newObject(state, depth + 1, sides[0]!);
    mv.visitJumpInsn(Opcodes.GOTO, end);
    mv.visitLabel(otherwise);
    this.newObject(state, depth + 1, this.pick(sides.slice(1)));
    mv.visitLabel(end);
    use();
  }

  /** Pushes a new object of `name` (one of the classes commonSuperClassUse merges). */
  private newObject(state: State, depth: number, name: string): void {
    const mv = this.mv;
    if (name === 'java/lang/Integer' || name === 'java/lang/Long') {
      this.intValue(state, depth + 1);
      if (name === 'java/lang/Long') mv.visitInsn(Opcodes.I2L);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, name, 'valueOf', name === 'java/lang/Long' ? '(J)Ljava/lang/Long;' : '(I)Ljava/lang/Integer;', false);
      return;
    }
    mv.visitTypeInsn(Opcodes.NEW, name);
    mv.visitInsn(Opcodes.DUP);
    mv.visitMethodInsn(Opcodes.INVOKESPECIAL, name, '<init>', '()V', false);
  }

  /** A long, float or double computed from an int, converted back to an int. */
  private wideValue(state: State, depth: number): void {
    const mv = this.mv;
    this.intValue(state, depth + 1);
    const [to, back] = this.pick([
      [Opcodes.I2L, Opcodes.L2I],
      [Opcodes.I2F, Opcodes.F2I],
      [Opcodes.I2D, Opcodes.D2I],
    ]);
    mv.visitInsn(to);
    mv.visitInsn(back);
  }

  /** Pushes a reference; `wanted` (a class of HIERARCHY) restricts its type, null for any. */
  private referenceValue(state: State, depth: number, wanted: string | null): Kind {
    const mv = this.mv;
    const locals = state.locals.flatMap((kind, i) => (isReference(kind) && kind !== NULL && (wanted === null || isAssignable(kind, wanted)) ? [i] : []));
    const choice = depth > 2 ? Math.floor(this.random() * 2) : Math.floor(this.random() * 6);
    if (choice === 1 && locals.length > 0) {
      const local = this.pick(locals);
      mv.visitVarInsn(Opcodes.ALOAD, local);
      return state.locals[local]!;
    }
    if (choice === 2 && depth <= 2) {
      // A ternary of two references: their merge on the stack at the join.
      const otherwise = new Label();
      const end = new Label();
      this.condition(state, depth + 1, otherwise);
      const a = this.referenceValue(state, depth + 1, wanted);
      mv.visitJumpInsn(Opcodes.GOTO, end);
      mv.visitLabel(otherwise);
      const b = this.referenceValue(state, depth + 1, wanted);
      mv.visitLabel(end);
      return merge(a, b);
    }
    if (choice === 3 && (wanted === null || isAssignable('java/lang/Integer', wanted))) {
      // new Integer(c ? x : y): the uninitialized object stays on the stack across the branch.
      mv.visitTypeInsn(Opcodes.NEW, 'java/lang/Integer');
      mv.visitInsn(Opcodes.DUP);
      this.intValue(state, depth + 1);
      mv.visitMethodInsn(Opcodes.INVOKESPECIAL, 'java/lang/Integer', '<init>', '(I)V', false);
      return 'java/lang/Integer';
    }
    if (choice === 4 && wanted === null) {
      if (this.chance(0.5)) {
        mv.visitInsn(Opcodes.ICONST_2);
        mv.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_INT);
        return '[I';
      }
      mv.visitInsn(Opcodes.ICONST_1);
      mv.visitTypeInsn(Opcodes.ANEWARRAY, 'java/lang/String');
      return '[Ljava/lang/String;';
    }
    if (choice === 5 && wanted === null) {
      mv.visitInsn(Opcodes.ACONST_NULL);
      return NULL;
    }
    const candidates = ['java/lang/String', 'java/lang/Integer', ...CONSTRUCTIBLE].filter((name) => wanted === null || isAssignable(name, wanted));
    const name = this.pick(candidates.length > 0 ? candidates : ['java/lang/Object']);
    if (name === 'java/lang/String') {
      mv.visitLdcInsn(`s${Math.floor(this.random() * 10)}`);
    } else if (name === 'java/lang/Integer') {
      this.intValue(state, depth + 1);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, 'java/lang/Integer', 'valueOf', '(I)Ljava/lang/Integer;', false);
    } else {
      mv.visitTypeInsn(Opcodes.NEW, name);
      mv.visitInsn(Opcodes.DUP);
      mv.visitMethodInsn(Opcodes.INVOKESPECIAL, name, '<init>', '()V', false);
    }
    return name;
  }

  /** Jumps to `target` on some condition (consumes what it pushes). */
  private condition(state: State, depth: number, target: Label): void {
    const mv = this.mv;
    switch (Math.floor(this.random() * 3)) {
      case 0:
        this.intValue(state, depth + 1);
        mv.visitJumpInsn(this.pick([Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE]), target);
        break;
      case 1:
        this.intValue(state, depth + 1);
        this.intValue(state, depth + 1);
        mv.visitJumpInsn(this.pick([Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT]), target);
        break;
      default:
        this.referenceValue(state, depth + 1, null);
        mv.visitJumpInsn(this.pick([Opcodes.IFNULL, Opcodes.IFNONNULL]), target);
        break;
    }
  }

  // ## Statements: the stack is empty before and after each.

  private store(state: State, local: number, kind: Kind): void {
    const wide = kind === 'J' || kind === 'D';
    // A store over the second half of a long or double kills it (JVMS §4.10.1.7).
    if (local > 0 && (state.locals[local - 1] === 'J' || state.locals[local - 1] === 'D')) state.locals[local - 1] = TOP;
    state.locals[local] = kind;
    if (wide) state.locals[local + 1] = TOP;
  }

  private statement(state: State, depth: number): State {
    const mv = this.mv;
    this.budget--;
    const choice = depth > 3 || this.budget <= 0 ? Math.floor(this.random() * 3) : Math.floor(this.random() * 10);
    switch (choice) {
      case 0:
      case 1: {
        // A store of an int, a long, a double or a reference into some local.
        const local = 1 + Math.floor(this.random() * (this.maxLocals - 2));
        const what = this.pick(['I', 'J', 'D', 'R', 'R']);
        if (what === 'I') {
          this.intValue(state, depth);
          mv.visitVarInsn(Opcodes.ISTORE, local);
          this.store(state, local, 'I');
        } else if (what === 'J' || what === 'D') {
          this.intValue(state, depth);
          mv.visitInsn(what === 'J' ? Opcodes.I2L : Opcodes.I2D);
          mv.visitVarInsn(what === 'J' ? Opcodes.LSTORE : Opcodes.DSTORE, local);
          this.store(state, local, what);
        } else {
          const kind = this.referenceValue(state, depth, null);
          mv.visitVarInsn(Opcodes.ASTORE, local);
          this.store(state, local, kind);
        }
        return state;
      }
      case 2:
        this.intValue(state, depth);
        mv.visitInsn(Opcodes.POP);
        return state;
      case 3: {
        // if / else
        const otherwise = new Label();
        const end = new Label();
        this.condition(state, depth, otherwise);
        const thenState = this.block({ locals: [...state.locals], live: true }, depth + 1);
        if (thenState.live) mv.visitJumpInsn(Opcodes.GOTO, end);
        mv.visitLabel(otherwise);
        const elseState = this.block({ locals: [...state.locals], live: true }, depth + 1);
        mv.visitLabel(end);
        return mergeStates(thenState, elseState);
      }
      case 4: {
        // while (cond) { … }: the body may change locals the loop head then sees merged.
        const head = new Label();
        const exit = new Label();
        mv.visitLabel(head);
        const entry = { locals: [...state.locals], live: true };
        this.condition(entry, depth, exit);
        const body = this.block({ locals: [...entry.locals], live: true }, depth + 1);
        if (body.live) mv.visitJumpInsn(Opcodes.GOTO, head);
        mv.visitLabel(exit);
        return mergeStates(entry, body);
      }
      case 5: {
        // switch with a few cases
        const cases = 1 + Math.floor(this.random() * 3);
        const labels = Array.from({ length: cases }, () => new Label());
        const defaultLabel = new Label();
        const end = new Label();
        this.intValue(state, depth);
        if (this.chance(0.5)) mv.visitTableSwitchInsn(0, cases - 1, defaultLabel, labels);
        else mv.visitLookupSwitchInsn(defaultLabel, labels.map((_, i) => i * 7), labels);
        let merged: State = { locals: [...state.locals], live: false };
        for (const label of [...labels, defaultLabel]) {
          mv.visitLabel(label);
          const after = this.block({ locals: [...state.locals], live: true }, depth + 1);
          if (after.live) mv.visitJumpInsn(Opcodes.GOTO, end);
          merged = mergeStates(merged, after);
        }
        mv.visitLabel(end);
        return merged;
      }
      case 6: {
        // try { … } catch (T e) { … }
        const start = new Label();
        const tryEnd = new Label();
        const handler = new Label();
        const end = new Label();
        const catchType = this.chance(0.2) ? null : this.pick(CATCH_TYPES);
        mv.visitTryCatchBlock(start, tryEnd, handler, catchType);
        mv.visitLabel(start);
        const body = this.block({ locals: [...state.locals], live: true }, depth + 1);
        mv.visitLabel(tryEnd);
        if (body.live) mv.visitJumpInsn(Opcodes.GOTO, end);
        mv.visitLabel(handler);
        // Locals changed in the try block are unknown in the handler.
        const handlerState: State = { locals: state.locals.map((kind, i) => merge(kind, body.locals[i] ?? TOP)), live: true };
        const exceptionLocal = 1 + Math.floor(this.random() * (this.maxLocals - 2));
        mv.visitVarInsn(Opcodes.ASTORE, exceptionLocal);
        this.store(handlerState, exceptionLocal, catchType ?? 'java/lang/Throwable');
        const afterHandler = this.block(handlerState, depth + 1);
        mv.visitLabel(end);
        return mergeStates(body, afterHandler);
      }
      case 7: {
        // throw, then dead code
        const name = this.pick(THROWABLES);
        mv.visitTypeInsn(Opcodes.NEW, name);
        mv.visitInsn(Opcodes.DUP);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, name, '<init>', '()V', false);
        mv.visitInsn(Opcodes.ATHROW);
        return { locals: state.locals, live: false };
      }
      case 8:
        this.returnValue(state, depth);
        return { locals: state.locals, live: false };
      default: {
        // A long or double kept on the stack across a branch.
        const otherwise = new Label();
        const end = new Label();
        this.intValue(state, depth);
        mv.visitInsn(Opcodes.I2L);
        this.condition(state, depth + 1, otherwise);
        mv.visitInsn(Opcodes.LCONST_1);
        mv.visitInsn(Opcodes.LADD);
        mv.visitJumpInsn(Opcodes.GOTO, end);
        mv.visitLabel(otherwise);
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitInsn(Opcodes.LSUB);
        mv.visitLabel(end);
        mv.visitInsn(Opcodes.POP2);
        return state;
      }
    }
  }

  private block(state: State, depth: number): State {
    let current = state;
    const count = 1 + Math.floor(this.random() * 3);
    for (let i = 0; i < count; i++) {
      // Statements after a return, throw or goto are dead code: still emitted (the writer must
      // replace them), with the locals as they were.
      const next = this.statement(current.live ? current : { locals: [...current.locals], live: true }, depth);
      current = current.live ? next : current;
    }
    return current;
  }

  returnValue(state: State, depth: number): void {
    const mv = this.mv;
    switch (this.returnType) {
      case 'V':
        mv.visitInsn(Opcodes.RETURN);
        return;
      case 'I':
        this.intValue(state, depth);
        mv.visitInsn(Opcodes.IRETURN);
        return;
      case 'J':
        this.intValue(state, depth);
        mv.visitInsn(Opcodes.I2L);
        mv.visitInsn(Opcodes.LRETURN);
        return;
      case 'D':
        this.intValue(state, depth);
        mv.visitInsn(Opcodes.I2D);
        mv.visitInsn(Opcodes.DRETURN);
        return;
      default: {
        const wanted = kindOfDescriptor(this.returnType);
        // List is an interface: any reference goes (JVMS §4.10.1.2); ask for one of its classes.
        this.referenceValue(state, depth, wanted === 'java/util/List' ? 'java/util/AbstractList' : wanted);
        mv.visitInsn(Opcodes.ARETURN);
      }
    }
  }

  body(parameters: readonly string[], isStatic: boolean): void {
    const locals: Kind[] = new Array(this.maxLocals).fill(TOP);
    let slot = 0;
    if (!isStatic) locals[slot++] = 'java/lang/Object';
    for (const parameter of parameters) {
      locals[slot] = kindOfDescriptor(parameter);
      slot += parameter === 'J' || parameter === 'D' ? 2 : 1;
    }
    this.mv.visitCode();
    const end = this.block({ locals, live: true }, 0);
    this.returnValue(end.live ? end : { locals, live: true }, 0);
    this.mv.visitMaxs(0, 0);
    this.mv.visitEnd();
  }
}

/**
 * A class `name` (version 52, no StackMapTable) with `methodCount` random static methods, written by
 * a COMPUTE_MAXS writer.
 */
export function randomClass(name: string, methodCount: number, random: () => number): Uint8Array {
  const writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
  writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, 'java/lang/Object', null);
  for (let m = 0; m < methodCount; m++) {
    const parameters = Array.from({ length: Math.floor(random() * 3) }, () => PARAMETER_TYPES[Math.floor(random() * PARAMETER_TYPES.length)]!);
    const returnType = RETURN_TYPES[Math.floor(random() * RETURN_TYPES.length)]!;
    const descriptor = `(${parameters.join('')})${returnType}`;
    const mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, `m${m}`, descriptor, null, null);
    const parameterSlots = parameters.reduce((n, p) => n + (p === 'J' || p === 'D' ? 2 : 1), 0);
    new MethodGenerator(mv, random, returnType, parameterSlots + 8).body(parameters, true);
  }
  writer.visitEnd();
  return writer.toByteArray();
}
