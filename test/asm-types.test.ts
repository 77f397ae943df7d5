// Core value types of the ASM-style API: Opcodes and Constants, the Java value boxes, Type,
// Handle, ConstantDynamic, TypePath, TypeReference, the signature package, and the visitor base
// classes (delegation, api checks, deprecated-overload semantics). Expected hash codes, strings
// and signature event orders below were produced by OW2 ASM 9.4 and JDK 17 on the same inputs.

import { describe, expect, it } from 'vitest';
import { AnnotationVisitor } from '../src/asm/annotation-visitor.js';
import { ClassVisitor } from '../src/asm/class-visitor.js';
import { ConstantDynamic } from '../src/asm/constant-dynamic.js';
import { Constants } from '../src/asm/constants.js';
import { FieldVisitor } from '../src/asm/field-visitor.js';
import { Handle } from '../src/asm/handle.js';
import { Byte, Character, Double, Float, Short, javaStringHashCode } from '../src/asm/java-values.js';
import { MethodVisitor } from '../src/asm/method-visitor.js';
import { ModuleVisitor } from '../src/asm/module-visitor.js';
import { Opcodes } from '../src/asm/opcodes.js';
import { RecordComponentVisitor } from '../src/asm/record-component-visitor.js';
import { SignatureReader } from '../src/asm/signature/signature-reader.js';
import { SignatureVisitor } from '../src/asm/signature/signature-visitor.js';
import { SignatureWriter } from '../src/asm/signature/signature-writer.js';
import { Type } from '../src/asm/type.js';
import { TypePath } from '../src/asm/type-path.js';
import { TypeReference } from '../src/asm/type-reference.js';
import { ClassFormatError } from '../src/classfile/class-format-error.js';

// ## Expected values computed with ASM 9.4 / JDK 17

const CLASS_OR_METHOD_SIGNATURES: [string, string][] = [
  ['<T:Ljava/lang/Object;>Ljava/lang/Object;', 'F:T CB C:java/lang/Object E SC C:java/lang/Object E'],
  ['<K:Ljava/lang/Object;V:Ljava/lang/Object;>Ljava/util/AbstractMap<TK;TV;>;Ljava/util/Map<TK;TV;>;Ljava/lang/Cloneable;Ljava/io/Serializable;', 'F:K CB C:java/lang/Object E F:V CB C:java/lang/Object E SC C:java/util/AbstractMap TA= TV:K TA= TV:V E IF C:java/util/Map TA= TV:K TA= TV:V E IF C:java/lang/Cloneable E IF C:java/io/Serializable E'],
  ['<E:Ljava/lang/Enum<TE;>;>Ljava/lang/Object;Ljava/lang/Comparable<TE;>;Ljava/io/Serializable;', 'F:E CB C:java/lang/Enum TA= TV:E E SC C:java/lang/Object E IF C:java/lang/Comparable TA= TV:E E IF C:java/io/Serializable E'],
  ['<T::Ljava/lang/Comparable<-TT;>;>Ljava/lang/Object;', 'F:T IB C:java/lang/Comparable TA- TV:T E SC C:java/lang/Object E'],
  ['<T:Ljava/lang/Number;:Ljava/lang/Runnable;:Ljava/io/Serializable;>Ljava/lang/Object;', 'F:T CB C:java/lang/Number E IB C:java/lang/Runnable E IB C:java/io/Serializable E SC C:java/lang/Object E'],
  ['Ljava/util/ArrayList<Ljava/util/Map$Entry<Ljava/lang/String;[I>;>;', 'SC C:java/util/ArrayList TA= C:java/util/Map$Entry TA= C:java/lang/String E TA= A B:I E E'],
  ['Lp/Outer<Ljava/lang/String;>.Inner<Ljava/lang/Integer;>.Deeper;', 'SC C:p/Outer TA= C:java/lang/String E IC:Inner TA= C:java/lang/Integer E IC:Deeper E'],
  ['Ljava/lang/Object;Ljava/util/function/Function<-Ljava/lang/Object;+[[Ljava/lang/String;>;', 'SC C:java/lang/Object E IF C:java/util/function/Function TA- C:java/lang/Object E TA+ A A C:java/lang/String E E'],
  ['()V', 'RT B:V'],
  ['<T:Ljava/lang/Object;>(Ljava/util/Collection<+TT;>;)Ljava/util/List<TT;>;', 'F:T CB C:java/lang/Object E PT C:java/util/Collection TA+ TV:T E RT C:java/util/List TA= TV:T E'],
  ['(I[JLjava/util/Map<*Ljava/lang/String;>;)[[TT;', 'PT B:I PT A B:J PT C:java/util/Map TA* TA= C:java/lang/String E E RT A A TV:T'],
  ['<X:Ljava/lang/Throwable;>(Ljava/util/function/Supplier<+TX;>;)TT;^TX;', 'F:X CB C:java/lang/Throwable E PT C:java/util/function/Supplier TA+ TV:X E RT TV:T ET TV:X'],
  ['(Ljava/lang/Class<*>;)V^Ljava/io/IOException;^TE;', 'PT C:java/lang/Class TA* E RT B:V ET C:java/io/IOException E ET TV:E'],
  ['<R:Ljava/lang/Object;>(Ljava/util/function/Function<-TT;+Ljava/util/stream/Stream<+TR;>;>;)Ljava/util/stream/Stream<TR;>;', 'F:R CB C:java/lang/Object E PT C:java/util/function/Function TA- TV:T TA+ C:java/util/stream/Stream TA+ TV:R E E RT C:java/util/stream/Stream TA= TV:R E'],
];
const TYPE_SIGNATURES: [string, string][] = [
  ['I', 'B:I'],
  ['[[D', 'A A B:D'],
  ['TT;', 'TV:T'],
  ['Ljava/util/List<[Ljava/lang/String;>;', 'C:java/util/List TA= A C:java/lang/String E E'],
  ['Lp/A<*>.B<-Lp/C;>;', 'C:p/A TA* IC:B TA- C:p/C E E'],
  ['Ljava/lang/Object;', 'C:java/lang/Object E'],
];
const TYPE_HASHES: [string, number][] = [
  ['V', 0],
  ['Z', 13],
  ['I', 65],
  ['J', 91],
  ['D', 104],
  ['[I', 61353],
  ['[[Ljava/lang/String;', -1271594901],
  ['Ljava/lang/Object;', -812121381],
  ['(IJ)V', 266307737],
  ['(Ljava/lang/String;[I)Ljava/lang/Object;', 107665972],
];
const HANDLE_HASH = 523402462;
const HANDLE_STRING = 'java/lang/invoke/LambdaMetafactory.metafactory(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;)Ljava/lang/invoke/CallSite; (6)';
const HANDLE_ITF_HASH = -1241644679;
const HANDLE_ITF_STRING = 'java/util/List.size()I (9 itf)';
const CONDY_HASH = -722319567;
const CONDY_STRING = 'const : J java/lang/invoke/LambdaMetafactory.metafactory(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;)Ljava/lang/invoke/CallSite; (6) [42, str, 7, Ljava/lang/String;, java/util/List.size()I (9 itf)]';
const FLOAT_STRINGS: [number, string][] = [
  [1065353216, '1.0'],
  [1036831949, '0.1'],
  [-1071644672, '-2.5'],
  [1120403456, '100.0'],
  [1259902592, '1.0E7'],
  [981668463, '0.001'],
  [981668462, '9.999999E-4'],
  [925353388, '1.0E-5'],
  [2139095039, '3.4028235E38'],
  [1, '1.4E-45'],
  [1206984805, '123456.79'],
  [1050253722, '0.3'],
  [1266679808, '1.6777216E7'],
  [1078530011, '3.1415927'],
  [1076754516, '2.7182817'],
  [1343554297, '1.0E10'],
];
const DOUBLE_STRINGS: [bigint, string][] = [
  [4607182418800017408n, '1.0'],
  [4591870180066957722n, '0.1'],
  [-4610560118520545280n, '-2.5'],
  [4636737291354636288n, '100.0'],
  [4711630319722168320n, '1.0E7'],
  [4562254508917369340n, '0.001'],
  [4562254508917369339n, '9.999999999999998E-4'],
  [4532020583610935537n, '1.0E-5'],
  [9218868437227405311n, '1.7976931348623157E308'],
  [1n, '4.9E-324'],
  [4503599627370496n, '2.2250738585072014E-308'],
  [4683220299150161609n, '123456.789'],
  [4599075939470750515n, '0.3'],
  [4614256656552045848n, '3.141592653589793'],
  [4613303445314885481n, '2.718281828459045'],
  [4921056587992461136n, '1.0E21'],
  [4936209963552724370n, '1.0E22'],
  [4712889646492470477n, '1.23456789E7'],
  [4599075939470750516n, '0.30000000000000004'],
  [4616583683022153318n, '4.35'],
  [6103021453049119613n, '1.0E100'],
];
const STRING_HASHES: [string, number][] = [
  ['', 0],
  ['a', 97],
  ['java/lang/Object', 2080463411],
  ['<init>', 1818100338],
  ['é中😀', 27946695],
  ['a very long string to make the hash overflow many times over', 1722898481],
];
const DOUBLE_HASH_PI = 340593891;
const FLOAT_HASH_PI = 1078530011;
const TYPE_PATH = '[.*12;0;[';

// ## Opcodes and Constants

describe('Opcodes', () => {
  it.each([
    ['ASM4', 0x40000],
    ['ASM5', 0x50000],
    ['ASM6', 0x60000],
    ['ASM7', 0x70000],
    ['ASM8', 0x80000],
    ['ASM9', 0x90000],
    ['ASM10_EXPERIMENTAL', 0x10a0000],
    ['SOURCE_DEPRECATED', 0x100],
    ['SOURCE_MASK', 0x100],
    ['V1_1', (3 << 16) | 45],
    ['V1_2', 46],
    ['V1_8', 52],
    ['V9', 53],
    ['V17', 61],
    ['V21', 65],
    ['V25', 69],
    ['V_PREVIEW', -65536],
    ['ACC_PUBLIC', 0x0001],
    ['ACC_SUPER', 0x0020],
    ['ACC_SYNCHRONIZED', 0x0020],
    ['ACC_OPEN', 0x0020],
    ['ACC_TRANSITIVE', 0x0020],
    ['ACC_STATIC_PHASE', 0x0040],
    ['ACC_BRIDGE', 0x0040],
    ['ACC_VARARGS', 0x0080],
    ['ACC_STRICT', 0x0800],
    ['ACC_MANDATED', 0x8000],
    ['ACC_MODULE', 0x8000],
    ['ACC_RECORD', 0x10000],
    ['ACC_DEPRECATED', 0x20000],
    ['T_BOOLEAN', 4],
    ['T_LONG', 11],
    ['H_GETFIELD', 1],
    ['H_INVOKEINTERFACE', 9],
    ['F_NEW', -1],
    ['F_FULL', 0],
    ['F_SAME1', 4],
    ['TOP', 0],
    ['NULL', 5],
    ['UNINITIALIZED_THIS', 6],
    ['NOP', 0],
    ['LDC', 18],
    ['ILOAD', 21],
    ['IALOAD', 46],
    ['ISTORE', 54],
    ['IASTORE', 79],
    ['IINC', 132],
    ['GOTO', 167],
    ['RET', 169],
    ['INVOKEDYNAMIC', 186],
    ['MONITOREXIT', 195],
    ['MULTIANEWARRAY', 197],
    ['IFNONNULL', 199],
  ] as const)('%s = %d', (name, value) => {
    expect(Opcodes[name]).toBe(value);
  });

  it('has every class file version from V1_1 to V25 and a preview flag that tests with &', () => {
    for (let v = 9; v <= 25; v++) {
      expect((Opcodes as Record<string, number>)['V' + v]).toBe(44 + v);
    }
    const preview = Opcodes.V21 | Opcodes.V_PREVIEW;
    expect(preview & Opcodes.V_PREVIEW).toBe(Opcodes.V_PREVIEW);
    expect(preview & 0xffff).toBe(65);
  });

  it('lists no short forms (they are in Constants) and is frozen', () => {
    expect('WIDE' in Opcodes).toBe(false);
    expect('ILOAD_0' in Opcodes).toBe(false);
    expect(Object.isFrozen(Opcodes)).toBe(true);
  });
});

describe('Constants', () => {
  it.each([
    ['LDC_W', 19],
    ['LDC2_W', 20],
    ['ILOAD_0', 26],
    ['ALOAD_3', 45],
    ['ISTORE_0', 59],
    ['ASTORE_3', 78],
    ['WIDE', 196],
    ['GOTO_W', 200],
    ['JSR_W', 201],
    ['WIDE_JUMP_OPCODE_DELTA', 33],
    ['ASM_OPCODE_DELTA', 49],
    ['ASM_IFNULL_OPCODE_DELTA', 20],
    ['ASM_IFEQ', 202],
    ['ASM_IF_ACMPNE', 215],
    ['ASM_GOTO', 216],
    ['ASM_JSR', 217],
    ['ASM_IFNULL', 218],
    ['ASM_IFNONNULL', 219],
    ['ASM_GOTO_W', 220],
    ['F_INSERT', 256],
    ['ACC_CONSTRUCTOR', 0x40000],
  ] as const)('%s = %d', (name, value) => {
    expect(Constants[name]).toBe(value);
  });

  it('names the attributes of JVMS §4.7', () => {
    expect(Constants.CODE).toBe('Code');
    expect(Constants.STACK_MAP_TABLE).toBe('StackMapTable');
    expect(Constants.RUNTIME_INVISIBLE_PARAMETER_ANNOTATIONS).toBe('RuntimeInvisibleParameterAnnotations');
    expect(Constants.PERMITTED_SUBCLASSES).toBe('PermittedSubclasses');
    expect(Constants.RECORD).toBe('Record');
  });
});

// ## Java values

describe('Float and Double', () => {
  it.each(FLOAT_STRINGS)('Float.fromBits(%d).toString() is %s as in Java', (bits, text) => {
    const value = Float.fromBits(bits);
    expect(value.bits).toBe(bits);
    expect(value.toString()).toBe(text);
    expect(new Float(value.value).bits).toBe(bits);
  });

  it.each(DOUBLE_STRINGS)('Double.fromBits(%s).toString() is %s as in Java', (bits, text) => {
    const value = Double.fromBits(bits);
    expect(value.bits).toBe(bits);
    expect(value.toString()).toBe(text);
    expect(new Double(value.value).bits).toBe(bits);
  });

  it('prints the shortest digits that identify a float, at least two of them', () => {
    expect(new Float(Math.fround(1.1754943508222875e-38)).toString()).toBe('1.1754944E-38');
    expect(new Float(1e23).toString()).toBe('1.0E23');
    expect(new Double(1e23).toString()).toBe('1.0E23');
    for (const bits of [1, 0x00800000, 0x3eaaaaab, 0x7f7fffff, 0x4b189680, 0x3a83126f]) {
      const f = Float.fromBits(bits);
      expect(Math.fround(Number(f.toString().replace('E', 'e')))).toBe(f.value);
    }
  });

  it('prints NaN, infinities and signed zeros as Java does', () => {
    expect(new Float(NaN).toString()).toBe('NaN');
    expect(new Float(Infinity).toString()).toBe('Infinity');
    expect(new Double(-Infinity).toString()).toBe('-Infinity');
    expect(new Float(-0).toString()).toBe('-0.0');
    expect(new Double(0).toString()).toBe('0.0');
  });

  it('keeps NaN payloads and the sign of zero in the raw bits', () => {
    const nan = Float.fromBits(0x7fc00001);
    expect(nan.bits).toBe(0x7fc00001);
    expect(Number.isNaN(nan.value)).toBe(true);
    expect(Float.fromBits(0xffc00000).bits).toBe(0xffc00000 | 0);
    expect(new Float(-0).bits).toBe(0x80000000 | 0);
    const dnan = Double.fromBits(0x7ff0000000000001n);
    expect(dnan.bits).toBe(0x7ff0000000000001n);
    expect(Number.isNaN(dnan.value)).toBe(true);
    expect(Double.fromBits(0xfff8000000000000n).bits).toBe(-0x8000000000000n);
  });

  it('rounds a number to float precision like a (float) cast', () => {
    expect(new Float(0.1).value).toBe(Math.fround(0.1));
    expect(new Float(0.1).bits).toBe(1036831949);
    expect(Float.valueOf(3).value).toBe(3);
  });

  it('compares like Java: bits, with all NaNs equal and 0.0 != -0.0', () => {
    expect(new Float(1).equals(new Float(1))).toBe(true);
    expect(Float.fromBits(0x7fc00001).equals(Float.fromBits(0x7fc00002))).toBe(true);
    expect(new Float(0).equals(new Float(-0))).toBe(false);
    expect(new Double(0).equals(new Double(-0))).toBe(false);
    expect(new Double(1).equals(new Float(1))).toBe(false);
    expect(new Double(Math.PI).hashCode()).toBe(DOUBLE_HASH_PI);
    expect(new Float(Math.PI).hashCode()).toBe(FLOAT_HASH_PI);
  });

  it('takes part in arithmetic through valueOf()', () => {
    expect(+new Float(2.5) * 2).toBe(5);
    expect(+Double.valueOf(1.5)).toBe(1.5);
  });
});

describe('Byte, Short and Character', () => {
  it.each([
    [() => new Byte(200), -56, '-56'],
    [() => Byte.valueOf(-1), -1, '-1'],
    [() => new Short(40000), -25536, '-25536'],
    [() => Short.valueOf(123), 123, '123'],
    [() => new Character(0x41), 0x41, 'A'],
    [() => Character.valueOf('é'), 0xe9, 'é'],
    [() => new Character(0x1_0041), 0x41, 'A'],
  ] as const)('%# wraps to the Java range', (make, value, text) => {
    const boxed = make();
    expect(boxed.value).toBe(value);
    expect(boxed.toString()).toBe(text);
    expect(boxed.hashCode()).toBe(value);
  });

  it('is equal only to the same box with the same value', () => {
    expect(new Byte(1).equals(new Byte(1))).toBe(true);
    expect(new Byte(1).equals(new Short(1))).toBe(false);
    expect(new Character('x').equals(new Character(0x78))).toBe(true);
  });
});

describe('javaStringHashCode', () => {
  it.each(STRING_HASHES)('%s hashes to %d', (text, hash) => {
    expect(javaStringHashCode(text)).toBe(hash);
  });
});

// ## Type

describe('Type', () => {
  it.each([
    ['V', Type.VOID, 'void', 0],
    ['Z', Type.BOOLEAN, 'boolean', 1],
    ['C', Type.CHAR, 'char', 1],
    ['B', Type.BYTE, 'byte', 1],
    ['S', Type.SHORT, 'short', 1],
    ['I', Type.INT, 'int', 1],
    ['F', Type.FLOAT, 'float', 1],
    ['J', Type.LONG, 'long', 2],
    ['D', Type.DOUBLE, 'double', 2],
    ['[I', Type.ARRAY, 'int[]', 1],
    ['[[Ljava/lang/String;', Type.ARRAY, 'java.lang.String[][]', 1],
    ['Ljava/lang/Object;', Type.OBJECT, 'java.lang.Object', 1],
    ['Ljava/util/Map$Entry;', Type.OBJECT, 'java.util.Map$Entry', 1],
  ] as const)('getType(%s): sort %d, class name %s, size %d', (descriptor, sort, className, size) => {
    const type = Type.getType(descriptor);
    expect(type.getSort()).toBe(sort);
    expect(type.getDescriptor()).toBe(descriptor);
    expect(type.toString()).toBe(descriptor);
    expect(type.getClassName()).toBe(className);
    expect(type.getSize()).toBe(size);
  });

  it('returns the shared primitive instances', () => {
    expect(Type.getType('I')).toBe(Type.INT_TYPE);
    expect(Type.getType('V')).toBe(Type.VOID_TYPE);
    expect(Type.getReturnType('()J')).toBe(Type.LONG_TYPE);
    expect(Type.INT_TYPE.getSort()).toBe(Type.INT);
    expect(Type.BOOLEAN_TYPE.getDescriptor()).toBe('Z');
  });

  it.each([
    ['java/lang/String', Type.OBJECT, 'Ljava/lang/String;', 'java/lang/String'],
    ['[I', Type.ARRAY, '[I', '[I'],
    ['[Ljava/lang/Object;', Type.ARRAY, '[Ljava/lang/Object;', '[Ljava/lang/Object;'],
  ] as const)('getObjectType(%s)', (internalName, sort, descriptor, name) => {
    const type = Type.getObjectType(internalName);
    expect(type.getSort()).toBe(sort);
    expect(type.getDescriptor()).toBe(descriptor);
    expect(type.getInternalName()).toBe(name);
    expect(type.equals(Type.getType(descriptor))).toBe(true);
    expect(type.hashCode()).toBe(Type.getType(descriptor).hashCode());
  });

  it.each([
    ['()V', [], 'V', 1 << 2, 0],
    ['(IJ)V', ['I', 'J'], 'V', 4 << 2, 2],
    ['(IJD)J', ['I', 'J', 'D'], 'J', (6 << 2) | 2, 3],
    ['([[IZLjava/lang/String;[Ljava/lang/Object;)Ljava/lang/Object;', ['[[I', 'Z', 'Ljava/lang/String;', '[Ljava/lang/Object;'], 'Ljava/lang/Object;', (5 << 2) | 1, 4],
    ['(Lx;Ly;)D', ['Lx;', 'Ly;'], 'D', (3 << 2) | 2, 2],
  ] as const)('method %s', (descriptor, args, ret, sizes, count) => {
    const type = Type.getMethodType(descriptor);
    expect(type.getSort()).toBe(Type.METHOD);
    expect(type.getDescriptor()).toBe(descriptor);
    expect(type.getArgumentTypes().map((t) => t.getDescriptor())).toEqual(args);
    expect(Type.getArgumentTypes(descriptor).map((t) => t.getDescriptor())).toEqual(args);
    expect(type.getReturnType().getDescriptor()).toBe(ret);
    expect(type.getArgumentsAndReturnSizes()).toBe(sizes);
    expect(Type.getArgumentsAndReturnSizes(descriptor)).toBe(sizes);
    expect(type.getArgumentCount()).toBe(count);
    expect(Type.getArgumentCount(descriptor)).toBe(count);
    expect(Type.getType(descriptor).equals(type)).toBe(true);
    const rebuilt = Type.getMethodDescriptor(Type.getType(ret), ...args.map((a) => Type.getType(a)));
    expect(rebuilt).toBe(descriptor);
    expect(Type.getMethodDescriptor(Type.getType(ret), args.map((a) => Type.getType(a)))).toBe(descriptor);
    expect(Type.getMethodType(Type.getType(ret), ...args.map((a) => Type.getType(a))).getDescriptor()).toBe(descriptor);
  });

  it('getDimensions and getElementType', () => {
    const type = Type.getType('[[[Ljava/lang/String;');
    expect(type.getDimensions()).toBe(3);
    expect(type.getElementType().getInternalName()).toBe('java/lang/String');
    expect(Type.getType('[J').getElementType()).toBe(Type.LONG_TYPE);
  });

  it.each(TYPE_HASHES)('hashCode of %s is %d as in ASM', (descriptor, hash) => {
    expect(Type.getType(descriptor).hashCode()).toBe(hash);
  });

  it('equals compares sort and descriptor', () => {
    expect(Type.getType('Ljava/lang/Object;').equals(Type.getObjectType('java/lang/Object'))).toBe(true);
    expect(Type.getType('[I').equals(Type.getType('[J'))).toBe(false);
    expect(Type.INT_TYPE.equals(Type.getType('I'))).toBe(true);
    expect(Type.INT_TYPE.equals('I')).toBe(false);
    // A type parsed inside a larger descriptor equals the standalone one.
    expect(Type.getArgumentTypes('(Ljava/lang/Object;)V')[0]!.equals(Type.getObjectType('java/lang/Object'))).toBe(true);
  });

  it.each([
    [Type.INT_TYPE, Opcodes.IALOAD, Opcodes.IALOAD],
    [Type.BOOLEAN_TYPE, Opcodes.IALOAD, Opcodes.BALOAD],
    [Type.BYTE_TYPE, Opcodes.IASTORE, Opcodes.BASTORE],
    [Type.CHAR_TYPE, Opcodes.IALOAD, Opcodes.CALOAD],
    [Type.SHORT_TYPE, Opcodes.IASTORE, Opcodes.SASTORE],
    [Type.FLOAT_TYPE, Opcodes.IALOAD, Opcodes.FALOAD],
    [Type.LONG_TYPE, Opcodes.IASTORE, Opcodes.LASTORE],
    [Type.DOUBLE_TYPE, Opcodes.IALOAD, Opcodes.DALOAD],
    [Type.getObjectType('a/B'), Opcodes.IALOAD, Opcodes.AALOAD],
    [Type.getType('[I'), Opcodes.IASTORE, Opcodes.AASTORE],
    [Type.VOID_TYPE, Opcodes.IRETURN, Opcodes.RETURN],
    [Type.BYTE_TYPE, Opcodes.IADD, Opcodes.IADD],
    [Type.FLOAT_TYPE, Opcodes.IRETURN, Opcodes.FRETURN],
    [Type.LONG_TYPE, Opcodes.ILOAD, Opcodes.LLOAD],
    [Type.DOUBLE_TYPE, Opcodes.ISTORE, Opcodes.DSTORE],
    [Type.LONG_TYPE, Opcodes.ISHL, Opcodes.LSHL],
    [Type.getType('La/B;'), Opcodes.ILOAD, Opcodes.ALOAD],
    [Type.getType('[[D'), Opcodes.IRETURN, Opcodes.ARETURN],
  ])('%s.getOpcode(%d) = %d', (type, opcode, expected) => {
    expect(type.getOpcode(opcode)).toBe(expected);
  });

  it('getOpcode rejects what ASM rejects', () => {
    expect(() => Type.VOID_TYPE.getOpcode(Opcodes.ILOAD)).toThrow();
    expect(() => Type.VOID_TYPE.getOpcode(Opcodes.IALOAD)).toThrow();
    expect(() => Type.getType('La/B;').getOpcode(Opcodes.IADD)).toThrow();
    expect(() => Type.getMethodType('()V').getOpcode(Opcodes.ILOAD)).toThrow();
  });

  it.each(['', 'X', '(I', '(Lfoo)V', '(Ljava/lang/String', 'L'])(
    'rejects the malformed descriptor %j without looping',
    (descriptor) => {
      expect(() => {
        Type.getArgumentsAndReturnSizes(descriptor);
        Type.getArgumentTypes(descriptor);
        Type.getReturnType(descriptor);
        Type.getArgumentCount(descriptor);
        Type.getType(descriptor);
      }).toThrow(ClassFormatError);
    },
  );
});

// ## Handle and ConstantDynamic

const METAFACTORY = new Handle(
  Opcodes.H_INVOKESTATIC,
  'java/lang/invoke/LambdaMetafactory',
  'metafactory',
  '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;)Ljava/lang/invoke/CallSite;',
  false,
);
const LIST_SIZE = new Handle(Opcodes.H_INVOKEINTERFACE, 'java/util/List', 'size', '()I', true);

describe('Handle', () => {
  it('has ASM accessors, hashCode and toString', () => {
    expect(METAFACTORY.getTag()).toBe(Opcodes.H_INVOKESTATIC);
    expect(METAFACTORY.getOwner()).toBe('java/lang/invoke/LambdaMetafactory');
    expect(METAFACTORY.getName()).toBe('metafactory');
    expect(METAFACTORY.getDesc()).toMatch(/^\(Ljava/);
    expect(METAFACTORY.isInterface()).toBe(false);
    expect(METAFACTORY.hashCode()).toBe(HANDLE_HASH);
    expect(METAFACTORY.toString()).toBe(HANDLE_STRING);
    expect(LIST_SIZE.hashCode()).toBe(HANDLE_ITF_HASH);
    expect(LIST_SIZE.toString()).toBe(HANDLE_ITF_STRING);
  });

  it('derives isInterface from the tag without the fifth argument (deprecated constructor)', () => {
    expect(new Handle(Opcodes.H_INVOKEINTERFACE, 'a/I', 'm', '()V').isInterface()).toBe(true);
    expect(new Handle(Opcodes.H_INVOKESTATIC, 'a/I', 'm', '()V').isInterface()).toBe(false);
  });

  it('is equal on all five components', () => {
    expect(LIST_SIZE.equals(new Handle(9, 'java/util/List', 'size', '()I', true))).toBe(true);
    expect(LIST_SIZE.equals(new Handle(9, 'java/util/List', 'size', '()I', false))).toBe(false);
    expect(LIST_SIZE.equals(new Handle(9, 'java/util/List', 'size', '()J', true))).toBe(false);
  });
});

describe('ConstantDynamic', () => {
  const args = [42, 'str', 7n, Type.getType('Ljava/lang/String;'), LIST_SIZE];
  const condy = new ConstantDynamic('const', 'J', METAFACTORY, ...args);

  it('has ASM accessors, hashCode and toString', () => {
    expect(condy.getName()).toBe('const');
    expect(condy.getDescriptor()).toBe('J');
    expect(condy.getBootstrapMethod()).toBe(METAFACTORY);
    expect(condy.getBootstrapMethodArgumentCount()).toBe(5);
    expect(condy.getBootstrapMethodArgument(2)).toBe(7n);
    expect(condy.getSize()).toBe(2);
    expect(new ConstantDynamic('c', 'Ljava/lang/Object;', METAFACTORY).getSize()).toBe(1);
    expect(condy.hashCode()).toBe(CONDY_HASH);
    expect(condy.toString()).toBe(CONDY_STRING);
  });

  it('accepts its arguments one by one or as one array, and compares them by value', () => {
    const fromArray = new ConstantDynamic('const', 'J', METAFACTORY, args);
    expect(fromArray.getBootstrapMethodArgumentsUnsafe()).toBe(args);
    expect(fromArray.equals(condy)).toBe(true);
    const copy = new ConstantDynamic('const', 'J', new Handle(6, METAFACTORY.getOwner(), 'metafactory', METAFACTORY.getDesc(), false), 42, 'str', 7n, Type.getObjectType('java/lang/String'), new Handle(9, 'java/util/List', 'size', '()I', true));
    expect(copy.equals(condy)).toBe(true);
    expect(copy.hashCode()).toBe(condy.hashCode());
    expect(new ConstantDynamic('const', 'J', METAFACTORY, 42).equals(condy)).toBe(false);
    expect(new ConstantDynamic('c', 'F', METAFACTORY, new Float(1)).equals(new ConstantDynamic('c', 'F', METAFACTORY, new Float(1)))).toBe(true);
  });
});

// ## TypePath and TypeReference

describe('TypePath', () => {
  it('parses and prints the string form', () => {
    const path = TypePath.fromString('[.*12;0;[')!;
    expect(path.getLength()).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((i) => path.getStep(i))).toEqual([
      TypePath.ARRAY_ELEMENT,
      TypePath.INNER_TYPE,
      TypePath.WILDCARD_BOUND,
      TypePath.TYPE_ARGUMENT,
      TypePath.TYPE_ARGUMENT,
      TypePath.ARRAY_ELEMENT,
    ]);
    expect(path.getStepArgument(3)).toBe(12);
    expect(path.getStepArgument(4)).toBe(0);
    expect(path.toString()).toBe(TYPE_PATH);
    expect(TypePath.fromString('3')!.toString()).toBe('3;');
    expect(TypePath.fromString('')).toBeNull();
    expect(TypePath.fromString(null)).toBeNull();
    expect(() => TypePath.fromString('[x')).toThrow();
    expect(() => TypePath.fromString('1a')).toThrow();
  });

  it('reads a type_path in place in class file bytes', () => {
    const bytes = Uint8Array.of(0xff, 2, 3, 1, 0, 0, 0xff);
    const path = new TypePath(bytes, 1);
    expect(path.getLength()).toBe(2);
    expect(path.toString()).toBe('1;[');
  });
});

describe('TypeReference', () => {
  it.each([
    [TypeReference.newTypeReference(TypeReference.FIELD), TypeReference.FIELD, 0x13000000],
    [TypeReference.newTypeParameterReference(TypeReference.CLASS_TYPE_PARAMETER, 3), 0x00, 0x00030000],
    [TypeReference.newTypeParameterBoundReference(TypeReference.METHOD_TYPE_PARAMETER_BOUND, 2, 1), 0x12, 0x12020100],
    [TypeReference.newSuperTypeReference(-1), TypeReference.CLASS_EXTENDS, 0x10ffff00],
    [TypeReference.newSuperTypeReference(4), TypeReference.CLASS_EXTENDS, 0x10000400],
    [TypeReference.newFormalParameterReference(5), TypeReference.METHOD_FORMAL_PARAMETER, 0x16050000],
    [TypeReference.newExceptionReference(2), TypeReference.THROWS, 0x17000200],
    [TypeReference.newTryCatchReference(7), TypeReference.EXCEPTION_PARAMETER, 0x42000700],
    [TypeReference.newTypeArgumentReference(TypeReference.CAST, 1), TypeReference.CAST, 0x47000001],
  ])('%# sort and value', (ref, sort, value) => {
    expect(ref.getSort()).toBe(sort);
    expect(ref.getValue()).toBe(value);
    expect(new TypeReference(value).getSort()).toBe(sort);
  });

  it('decodes the target_info fields', () => {
    expect(TypeReference.newSuperTypeReference(-1).getSuperTypeIndex()).toBe(-1);
    expect(TypeReference.newSuperTypeReference(4).getSuperTypeIndex()).toBe(4);
    expect(TypeReference.newTypeParameterBoundReference(0x11, 2, 1).getTypeParameterIndex()).toBe(2);
    expect(TypeReference.newTypeParameterBoundReference(0x11, 2, 1).getTypeParameterBoundIndex()).toBe(1);
    expect(TypeReference.newFormalParameterReference(5).getFormalParameterIndex()).toBe(5);
    expect(TypeReference.newExceptionReference(300).getExceptionIndex()).toBe(300);
    expect(TypeReference.newTryCatchReference(7).getTryCatchBlockIndex()).toBe(7);
    expect(TypeReference.newTypeArgumentReference(0x49, 3).getTypeArgumentIndex()).toBe(3);
    // A sort above 0x7f keeps its bits: getSort is unsigned.
    expect(new TypeReference(0x4b000000 | 0).getSort()).toBe(0x4b);
  });
});

// ## Signatures

/** Records the events it receives, in the notation used by the expected tables. */
class EventLog extends SignatureVisitor {
  readonly events: string[] = [];
  constructor() {
    super(Opcodes.ASM9);
  }
  override visitFormalTypeParameter(name: string): void {
    this.events.push('F:' + name);
  }
  override visitClassBound(): SignatureVisitor {
    this.events.push('CB');
    return this;
  }
  override visitInterfaceBound(): SignatureVisitor {
    this.events.push('IB');
    return this;
  }
  override visitSuperclass(): SignatureVisitor {
    this.events.push('SC');
    return this;
  }
  override visitInterface(): SignatureVisitor {
    this.events.push('IF');
    return this;
  }
  override visitParameterType(): SignatureVisitor {
    this.events.push('PT');
    return this;
  }
  override visitReturnType(): SignatureVisitor {
    this.events.push('RT');
    return this;
  }
  override visitExceptionType(): SignatureVisitor {
    this.events.push('ET');
    return this;
  }
  override visitBaseType(descriptor: string): void {
    this.events.push('B:' + descriptor);
  }
  override visitTypeVariable(name: string): void {
    this.events.push('TV:' + name);
  }
  override visitArrayType(): SignatureVisitor {
    this.events.push('A');
    return this;
  }
  override visitClassType(name: string): void {
    this.events.push('C:' + name);
  }
  override visitInnerClassType(name: string): void {
    this.events.push('IC:' + name);
  }
  override visitTypeArgument(): void;
  override visitTypeArgument(wildcard: string): SignatureVisitor;
  override visitTypeArgument(wildcard?: string): SignatureVisitor | void {
    this.events.push('TA' + (wildcard ?? '*'));
    return this;
  }
  override visitEnd(): void {
    this.events.push('E');
  }
}

describe('SignatureReader and SignatureWriter', () => {
  it.each(CLASS_OR_METHOD_SIGNATURES)('accept(%s) visits in ASM order and writes it back', (signature, events) => {
    const log = new EventLog();
    new SignatureReader(signature).accept(log);
    expect(log.events.join(' ')).toBe(events);
    const writer = new SignatureWriter();
    new SignatureReader(signature).accept(writer);
    expect(writer.toString()).toBe(signature);
  });

  it.each(TYPE_SIGNATURES)('acceptType(%s) visits in ASM order and writes it back', (signature, events) => {
    const log = new EventLog();
    new SignatureReader(signature).acceptType(log);
    expect(log.events.join(' ')).toBe(events);
    const writer = new SignatureWriter();
    new SignatureReader(signature).acceptType(writer);
    expect(writer.toString()).toBe(signature);
  });

  it('writes type arguments nested deeper than its 31-level bit stack', () => {
    const depth = 40;
    const signature = 'La<'.repeat(depth) + 'TT;' + '>;'.repeat(depth);
    const writer = new SignatureWriter();
    new SignatureReader(signature).acceptType(writer);
    expect(writer.toString()).toBe(signature);
  });

  it('builds a signature from visitor calls', () => {
    const writer = new SignatureWriter();
    writer.visitFormalTypeParameter('T');
    const bound = writer.visitClassBound();
    bound.visitClassType('java/lang/Object');
    bound.visitEnd();
    writer.visitParameterType().visitTypeVariable('T');
    const ret = writer.visitReturnType();
    ret.visitClassType('java/util/List');
    ret.visitTypeArgument('=').visitTypeVariable('T');
    ret.visitTypeArgument();
    ret.visitEnd();
    writer.visitExceptionType().visitTypeVariable('X');
    expect(writer.toString()).toBe('<T:Ljava/lang/Object;>(TT;)Ljava/util/List<TT;*>;^TX;');
    const empty = new SignatureWriter();
    empty.visitReturnType().visitBaseType('V');
    expect(empty.toString()).toBe('()V');
  });

  it.each(['Ljava/lang/Object', 'TT', 'Q', '<T>Ljava/lang/Object;', '(I', 'La<TT;', '()V^'])(
    'rejects the malformed signature %j with ClassFormatError',
    (signature) => {
      expect(() => new SignatureReader(signature).accept(new SignatureWriter())).toThrow(ClassFormatError);
    },
  );

  it('rejects absurd nesting with ClassFormatError instead of exhausting the stack', () => {
    const signature = 'La<'.repeat(5000) + 'TT;' + '>;'.repeat(5000);
    expect(() => new SignatureReader(signature).acceptType(new SignatureWriter())).toThrow(ClassFormatError);
    const arrays = '['.repeat(100_000) + 'I';
    const writer = new SignatureWriter();
    new SignatureReader(arrays).acceptType(writer);
    expect(writer.toString()).toBe(arrays);
  });
});

// ## Visitors

/** A visitor chain's last element that records every call it receives. */
function recorder<T extends object>(target: T, calls: unknown[][]): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof property === 'string' && property.startsWith('visit') && typeof value === 'function') {
        return (...args: unknown[]) => {
          calls.push([property, ...args]);
          return value.apply(receiver, args);
        };
      }
      return value;
    },
  });
}

describe('visitor base classes', () => {
  it.each([
    ['ClassVisitor', (api: number) => new ClassVisitor(api)],
    ['MethodVisitor', (api: number) => new MethodVisitor(api)],
    ['FieldVisitor', (api: number) => new FieldVisitor(api)],
    ['AnnotationVisitor', (api: number) => new AnnotationVisitor(api)],
    ['RecordComponentVisitor', (api: number) => new RecordComponentVisitor(api)],
    ['ModuleVisitor', (api: number) => new ModuleVisitor(api)],
    ['SignatureVisitor', (api: number) => new SignatureVisitor(api)],
  ])('%s accepts ASM4..ASM9 and ASM10_EXPERIMENTAL, nothing else', (_name, make) => {
    for (const api of [Opcodes.ASM4, Opcodes.ASM5, Opcodes.ASM6, Opcodes.ASM7, Opcodes.ASM8, Opcodes.ASM9, Opcodes.ASM10_EXPERIMENTAL]) {
      expect(make(api).api).toBe(api);
    }
    expect(() => make(0)).toThrow('Unsupported api 0');
    expect(() => make(Opcodes.ASM9 + 1)).toThrow(/Unsupported api/);
  });

  it('forward every class event to the delegate and return null without one', () => {
    const calls: unknown[][] = [];
    const last = recorder(new ClassVisitor(Opcodes.ASM9), calls);
    const first = new ClassVisitor(Opcodes.ASM9, last);
    expect(first.getDelegate()).toBe(last);
    first.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, 'a/B', null, 'java/lang/Object', null);
    first.visitSource('B.java', null);
    expect(first.visitModule('m', 0, null)).toBeNull();
    first.visitNestHost('a/H');
    first.visitOuterClass('a/O', null, null);
    expect(first.visitAnnotation('La/A;', true)).toBeNull();
    expect(first.visitTypeAnnotation(0x10ffff00, null, 'La/A;', false)).toBeNull();
    first.visitNestMember('a/M');
    first.visitPermittedSubclass('a/P');
    first.visitInnerClass('a/B$I', 'a/B', 'I', 0);
    expect(first.visitRecordComponent('x', 'I', null)).toBeNull();
    expect(first.visitField(0, 'f', 'J', null, 5n)).toBeNull();
    expect(first.visitMethod(0, 'm', '()V', null, ['java/io/IOException'])).toBeNull();
    first.visitEnd();
    expect(calls.map((c) => c[0])).toEqual([
      'visit',
      'visitSource',
      'visitModule',
      'visitNestHost',
      'visitOuterClass',
      'visitAnnotation',
      'visitTypeAnnotation',
      'visitNestMember',
      'visitPermittedSubclass',
      'visitInnerClass',
      'visitRecordComponent',
      'visitField',
      'visitMethod',
      'visitEnd',
    ]);
    expect(calls[11]).toEqual(['visitField', 0, 'f', 'J', null, 5n]);
    expect(new ClassVisitor(Opcodes.ASM9).getDelegate()).toBeNull();
  });

  it.each([
    ['visitModule requires ASM6', Opcodes.ASM5, (cv: ClassVisitor) => cv.visitModule('m', 0, null), 'Module requires ASM6'],
    ['visitNestHost requires ASM7', Opcodes.ASM6, (cv: ClassVisitor) => cv.visitNestHost('a/H'), 'NestHost requires ASM7'],
    ['visitNestMember requires ASM7', Opcodes.ASM6, (cv: ClassVisitor) => cv.visitNestMember('a/M'), 'NestMember requires ASM7'],
    ['visitPermittedSubclass requires ASM9', Opcodes.ASM8, (cv: ClassVisitor) => cv.visitPermittedSubclass('a/P'), 'PermittedSubclasses requires ASM9'],
    ['visitRecordComponent requires ASM8', Opcodes.ASM7, (cv: ClassVisitor) => cv.visitRecordComponent('x', 'I', null), 'Record requires ASM8'],
    ['a record header requires ASM8', Opcodes.ASM7, (cv: ClassVisitor) => cv.visit(Opcodes.V17, Opcodes.ACC_RECORD, 'a/R', null, 'java/lang/Record', null), 'Records requires ASM8'],
    ['visitTypeAnnotation requires ASM5', Opcodes.ASM4, (cv: ClassVisitor) => cv.visitTypeAnnotation(0, null, 'La;', true), 'TypeAnnotation requires ASM5'],
  ])('ClassVisitor: %s', (_name, api, call, message) => {
    expect(() => call(new ClassVisitor(api))).toThrow(message);
    expect(() => call(new ClassVisitor(Opcodes.ASM9))).not.toThrow();
  });

  it('MethodVisitor forwards every event in order', () => {
    const calls: unknown[][] = [];
    const last = recorder(new MethodVisitor(Opcodes.ASM9), calls);
    const mv = new MethodVisitor(Opcodes.ASM9, last);
    const label = {} as never;
    mv.visitParameter('p', Opcodes.ACC_FINAL);
    mv.visitAnnotationDefault();
    mv.visitAnnotation('La;', true);
    mv.visitTypeAnnotation(0x14000000, null, 'La;', true);
    mv.visitAnnotableParameterCount(2, false);
    mv.visitParameterAnnotation(1, 'La;', false);
    mv.visitCode();
    mv.visitFrame(Opcodes.F_NEW, 2, [Opcodes.INTEGER, 'java/lang/String'], 1, [label]);
    mv.visitInsn(Opcodes.NOP);
    mv.visitIntInsn(Opcodes.BIPUSH, -3);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitTypeInsn(Opcodes.NEW, 'a/B');
    mv.visitFieldInsn(Opcodes.GETSTATIC, 'a/B', 'f', 'I');
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, 'a/I', 'm', '()V', true);
    mv.visitInvokeDynamicInsn('run', '()Ljava/lang/Runnable;', METAFACTORY, [Type.getType('()V')]);
    mv.visitJumpInsn(Opcodes.GOTO, label);
    mv.visitLabel(label);
    mv.visitLdcInsn(new Double(1.5));
    mv.visitIincInsn(1, -1);
    mv.visitTableSwitchInsn(0, 1, label, [label, label]);
    mv.visitLookupSwitchInsn(label, [5], [label]);
    mv.visitMultiANewArrayInsn('[[I', 2);
    mv.visitInsnAnnotation(0x44000000, null, 'La;', true);
    mv.visitTryCatchBlock(label, label, label, null);
    mv.visitTryCatchAnnotation(0x42000000, null, 'La;', true);
    mv.visitLocalVariable('x', 'I', null, label, label, 1);
    mv.visitLocalVariableAnnotation(0x40000000, null, [label], [label], [1], 'La;', true);
    mv.visitLineNumber(10, label);
    mv.visitMaxs(2, 3);
    mv.visitEnd();
    expect(calls.map((c) => c[0])).toEqual([
      'visitParameter',
      'visitAnnotationDefault',
      'visitAnnotation',
      'visitTypeAnnotation',
      'visitAnnotableParameterCount',
      'visitParameterAnnotation',
      'visitCode',
      'visitFrame',
      'visitInsn',
      'visitIntInsn',
      'visitVarInsn',
      'visitTypeInsn',
      'visitFieldInsn',
      'visitMethodInsn',
      'visitInvokeDynamicInsn',
      'visitJumpInsn',
      'visitLabel',
      'visitLdcInsn',
      'visitIincInsn',
      'visitTableSwitchInsn',
      'visitLookupSwitchInsn',
      'visitMultiANewArrayInsn',
      'visitInsnAnnotation',
      'visitTryCatchBlock',
      'visitTryCatchAnnotation',
      'visitLocalVariable',
      'visitLocalVariableAnnotation',
      'visitLineNumber',
      'visitMaxs',
      'visitEnd',
    ]);
    expect(calls[13]).toEqual(['visitMethodInsn', Opcodes.INVOKESTATIC, 'a/I', 'm', '()V', true]);
  });

  it('visitMethodInsn without isInterface behaves as the deprecated overload', () => {
    const calls: unknown[][] = [];
    const mv = new MethodVisitor(Opcodes.ASM9, recorder(new MethodVisitor(Opcodes.ASM9), calls));
    mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, 'java/util/List', 'size', '()I');
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/lang/Object', 'hashCode', '()I');
    expect(calls).toEqual([
      ['visitMethodInsn', Opcodes.INVOKEINTERFACE, 'java/util/List', 'size', '()I', true],
      ['visitMethodInsn', Opcodes.INVOKEVIRTUAL, 'java/lang/Object', 'hashCode', '()I', false],
    ]);
    // Below ASM5 an interface owner must agree with the opcode.
    const old = new MethodVisitor(Opcodes.ASM4);
    expect(() => old.visitMethodInsn(Opcodes.INVOKESTATIC, 'a/I', 'm', '()V', true)).toThrow(
      'INVOKESPECIAL/STATIC on interfaces requires ASM5',
    );
    expect(() => old.visitMethodInsn(Opcodes.INVOKEINTERFACE, 'a/I', 'm', '()V', true)).not.toThrow();
    expect(() => old.visitMethodInsn(Opcodes.INVOKESTATIC, 'a/C', 'm', '()V')).not.toThrow();
    // The SOURCE_DEPRECATED flag never reaches the delegate.
    const flagged: unknown[][] = [];
    new MethodVisitor(Opcodes.ASM4, recorder(new MethodVisitor(Opcodes.ASM4), flagged)).visitMethodInsn(
      Opcodes.INVOKEVIRTUAL | Opcodes.SOURCE_DEPRECATED,
      'a/C',
      'm',
      '()V',
      false,
    );
    expect(flagged[0]![1]).toBe(Opcodes.INVOKEVIRTUAL);
  });

  it.each([
    ['visitParameter', Opcodes.ASM4, (mv: MethodVisitor) => mv.visitParameter('p', 0), 'This feature requires ASM5'],
    ['visitTypeAnnotation', Opcodes.ASM4, (mv: MethodVisitor) => mv.visitTypeAnnotation(0, null, 'La;', true), 'This feature requires ASM5'],
    ['visitInvokeDynamicInsn', Opcodes.ASM4, (mv: MethodVisitor) => mv.visitInvokeDynamicInsn('r', '()V', METAFACTORY, []), 'This feature requires ASM5'],
    ['visitLdcInsn(Handle)', Opcodes.ASM4, (mv: MethodVisitor) => mv.visitLdcInsn(METAFACTORY), 'This feature requires ASM5'],
    ['visitLdcInsn(method Type)', Opcodes.ASM4, (mv: MethodVisitor) => mv.visitLdcInsn(Type.getMethodType('()V')), 'This feature requires ASM5'],
    ['visitLdcInsn(ConstantDynamic)', Opcodes.ASM6, (mv: MethodVisitor) => mv.visitLdcInsn(new ConstantDynamic('c', 'I', METAFACTORY)), 'This feature requires ASM7'],
    ['visitInsnAnnotation', Opcodes.ASM4, (mv: MethodVisitor) => mv.visitInsnAnnotation(0, null, 'La;', true), 'This feature requires ASM5'],
    ['visitTryCatchAnnotation', Opcodes.ASM4, (mv: MethodVisitor) => mv.visitTryCatchAnnotation(0, null, 'La;', true), 'This feature requires ASM5'],
    ['visitLocalVariableAnnotation', Opcodes.ASM4, (mv: MethodVisitor) => mv.visitLocalVariableAnnotation(0, null, [], [], [], 'La;', true), 'This feature requires ASM5'],
  ])('MethodVisitor.%s checks the api level', (_name, api, call, message) => {
    expect(() => call(new MethodVisitor(api))).toThrow(message);
    expect(() => call(new MethodVisitor(Opcodes.ASM9))).not.toThrow();
  });

  it('MethodVisitor.visitLdcInsn accepts class constants and plain values below ASM5', () => {
    const mv = new MethodVisitor(Opcodes.ASM4);
    for (const value of [1, 2n, 'x', new Float(1), new Double(2), Type.getObjectType('a/B')]) {
      expect(() => mv.visitLdcInsn(value)).not.toThrow();
    }
  });

  it('FieldVisitor, RecordComponentVisitor, AnnotationVisitor and ModuleVisitor forward to their delegate', () => {
    const calls: unknown[][] = [];
    const fv = new FieldVisitor(Opcodes.ASM9, recorder(new FieldVisitor(Opcodes.ASM9), calls));
    expect(fv.visitAnnotation('La;', true)).toBeNull();
    expect(fv.visitTypeAnnotation(0x13000000, TypePath.fromString('['), 'La;', false)).toBeNull();
    fv.visitEnd();
    expect(() => new FieldVisitor(Opcodes.ASM4).visitTypeAnnotation(0, null, 'La;', true)).toThrow('This feature requires ASM5');

    const rv = new RecordComponentVisitor(Opcodes.ASM9, recorder(new RecordComponentVisitor(Opcodes.ASM9), calls));
    expect(rv.getDelegate()).toBe(rv.delegate);
    rv.visitAnnotation('La;', true);
    rv.visitTypeAnnotation(0x13000000, null, 'La;', true);
    rv.visitEnd();

    const av = new AnnotationVisitor(Opcodes.ASM9, recorder(new AnnotationVisitor(Opcodes.ASM9), calls));
    av.visit('b', new Byte(1));
    av.visit('ints', Int32Array.of(1, 2));
    av.visitEnum('e', 'La/E;', 'X');
    expect(av.visitAnnotation('n', 'La;')).toBeNull();
    expect(av.visitArray('arr')).toBeNull();
    av.visitEnd();

    const mv = new ModuleVisitor(Opcodes.ASM9, recorder(new ModuleVisitor(Opcodes.ASM9), calls));
    mv.visitMainClass('a/Main');
    mv.visitPackage('a');
    mv.visitRequire('java.base', Opcodes.ACC_MANDATED, null);
    mv.visitExport('a', 0, null);
    mv.visitOpen('a', 0, ['m1', 'm2']);
    mv.visitUse('a/S');
    mv.visitProvide('a/S', ['a/Impl']);
    mv.visitEnd();

    expect(calls.map((c) => c[0])).toEqual([
      'visitAnnotation',
      'visitTypeAnnotation',
      'visitEnd',
      'visitAnnotation',
      'visitTypeAnnotation',
      'visitEnd',
      'visit',
      'visit',
      'visitEnum',
      'visitAnnotation',
      'visitArray',
      'visitEnd',
      'visitMainClass',
      'visitPackage',
      'visitRequire',
      'visitExport',
      'visitOpen',
      'visitUse',
      'visitProvide',
      'visitEnd',
    ]);
    expect(calls[17 - 3]).toEqual(['visitRequire', 'java.base', Opcodes.ACC_MANDATED, null]);
  });

  it('lets subclasses intercept events and call super, as in ASM', () => {
    const renamed: string[] = [];
    class Renamer extends ClassVisitor {
      override visitMethod(access: number, name: string, descriptor: string, signature: string | null, exceptions: string[] | null) {
        return super.visitMethod(access, name + '$renamed', descriptor, signature, exceptions);
      }
    }
    class Sink extends ClassVisitor {
      override visitMethod(_access: number, name: string) {
        renamed.push(name);
        return new MethodVisitor(this.api);
      }
    }
    const result = new Renamer(Opcodes.ASM9, new Sink(Opcodes.ASM9)).visitMethod(0, 'run', '()V', null, null);
    expect(result).toBeInstanceOf(MethodVisitor);
    expect(renamed).toEqual(['run$renamed']);
  });
});
