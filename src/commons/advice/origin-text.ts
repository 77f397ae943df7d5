// # The text of @Advice.Origin String parameters
//
// Byte Buddy renders the instrumented method as its MethodDescription.toString() by default (the
// style of java.lang.reflect.Method/Constructor.toString) or by a pattern of #t (declaring type),
// #m (internal name: <init> for constructors), #d (descriptor), #s (parameter types), #r (return
// type) and #p (property name). These give the same text from the class file alone, as checked
// against Byte Buddy 1.12 in test/commons-advice-byte-buddy.test.ts.

import { Opcodes } from '../../asm/opcodes.js';
import { Type } from '../../asm/type.js';
import { IllegalStateException } from '../../asm/java-exceptions.js';

/** The method an advice is applied to, as the class file declares it. */
export interface AdvisedMethod {
  /** The internal name of the declaring class. */
  readonly owner: string;
  /** Whether the declaring class is an interface (for a MethodHandle of the method); false when not given. */
  readonly ownerIsInterface?: boolean;
  readonly access: number;
  readonly name: string;
  readonly descriptor: string;
  readonly signature: string | null;
  /** The internal names of the declared exceptions (the Exceptions attribute), or null. */
  readonly exceptions: readonly string[] | null;
}

/** Modifier.toString's order, limited to what MethodDescription.toString prints (mask 0x53F). */
const MODIFIERS: readonly [number, string][] = [
  [Opcodes.ACC_PUBLIC, 'public'],
  [Opcodes.ACC_PROTECTED, 'protected'],
  [Opcodes.ACC_PRIVATE, 'private'],
  [Opcodes.ACC_ABSTRACT, 'abstract'],
  [Opcodes.ACC_STATIC, 'static'],
  [Opcodes.ACC_FINAL, 'final'],
  [Opcodes.ACC_SYNCHRONIZED, 'synchronized'],
  [Opcodes.ACC_NATIVE, 'native'],
];

/** Class.getName: the binary name with dots, and for arrays the descriptor form ([I, [Ljava.lang.String;). */
export function javaName(type: Type): string {
  switch (type.getSort()) {
    case Type.ARRAY:
      return type.getDescriptor().replace(/\//g, '.');
    case Type.OBJECT:
      return type.getClassName();
    default:
      return type.getClassName();
  }
}

/** Class.getTypeName: as javaName, but arrays as int[] and java.lang.String[]. */
function actualName(type: Type): string {
  return type.getClassName();
}

/** MethodDescription.toString: `int p.Target.add(int,int)`, `public p.Target(java.lang.String)`. */
export function methodText(method: AdvisedMethod): string {
  const modifiers = MODIFIERS.filter(([flag]) => (method.access & flag) !== 0).map(([, word]) => word);
  const owner = Type.getObjectType(method.owner).getClassName();
  let text = modifiers.length > 0 ? `${modifiers.join(' ')} ` : '';
  if (method.name === '<init>') {
    text += owner;
  } else {
    text += `${actualName(Type.getReturnType(method.descriptor))} ${owner}.${method.name}`;
  }
  text += `(${Type.getArgumentTypes(method.descriptor).map(actualName).join(',')})`;
  if (method.exceptions !== null && method.exceptions.length > 0) {
    text += ` throws ${method.exceptions.map((name) => Type.getObjectType(name).getClassName()).join(',')}`;
  }
  return text;
}

/**
 * The getter or setter's property name (getFoo, isFoo, setFoo → foo), as Byte Buddy's #p
 * (FieldNameExtractor.ForBeanProperty): the first letter after the prefix lower-cased with Java's
 * Character.toLowerCase(char) — getURL gives uRL, not Introspector.decapitalize's URL — and its refusals.
 */
function propertyName(method: AdvisedMethod): string {
  const name = method.name;
  const prefix = name.startsWith('get') || name.startsWith('set') ? 3 : name.startsWith('is') ? 2 : -1;
  if (prefix < 0) throw new IllegalStateException(`${methodText(method)} does not follow Java bean naming conventions`);
  if (name.length === prefix) throw new IllegalStateException(`${methodText(method)} does not specify a bean name`);
  // One char to one char, as Java's char-based toLowerCase (U+0130 gives i; JavaScript's gives i and U+0307).
  return name[prefix]!.toLowerCase()[0]! + name.substring(prefix + 1);
}

/** The text of `@Origin(pattern) String` for `method` (the empty pattern: methodText). */
export function originText(pattern: string, method: AdvisedMethod): string {
  if (pattern === '') return methodText(method);
  let text = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    // A backslash escapes the next character (Byte Buddy's ForOrigin.parse), so \# is a literal #.
    if (c === '\\' && i + 1 < pattern.length) {
      text += pattern[++i];
      continue;
    }
    if (c !== '#' || i + 1 >= pattern.length) {
      text += c;
      continue;
    }
    const key = pattern[++i];
    switch (key) {
      case 't':
        text += Type.getObjectType(method.owner).getClassName();
        break;
      case 'm':
        text += method.name;
        break;
      case 'd':
        text += method.descriptor;
        break;
      case 's':
        text += `(${Type.getArgumentTypes(method.descriptor).map(javaName).join(',')})`;
        break;
      case 'r':
        text += javaName(Type.getReturnType(method.descriptor));
        break;
      case 'p':
        text += propertyName(method);
        break;
      default:
        throw new IllegalStateException(`Illegal sort descriptor ${key} for ${pattern}`);
    }
  }
  return text;
}
