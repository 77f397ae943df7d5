// Javassist's javassist.Modifier: access flag constants (JVMS §4.1, §4.5, §4.6 tables) and tests,
// the same values as java.lang.reflect.Modifier.

export const Modifier = {
  PUBLIC: 0x0001,
  PRIVATE: 0x0002,
  PROTECTED: 0x0004,
  STATIC: 0x0008,
  FINAL: 0x0010,
  SYNCHRONIZED: 0x0020,
  VOLATILE: 0x0040,
  VARARGS: 0x0080,
  TRANSIENT: 0x0080,
  NATIVE: 0x0100,
  INTERFACE: 0x0200,
  ABSTRACT: 0x0400,
  STRICT: 0x0800,
  ANNOTATION: 0x2000,
  ENUM: 0x4000,

  isPublic: (mod: number): boolean => (mod & 0x0001) !== 0,
  isPrivate: (mod: number): boolean => (mod & 0x0002) !== 0,
  isProtected: (mod: number): boolean => (mod & 0x0004) !== 0,
  isPackage: (mod: number): boolean => (mod & 0x0007) === 0,
  isStatic: (mod: number): boolean => (mod & 0x0008) !== 0,
  isFinal: (mod: number): boolean => (mod & 0x0010) !== 0,
  isSynchronized: (mod: number): boolean => (mod & 0x0020) !== 0,
  isNative: (mod: number): boolean => (mod & 0x0100) !== 0,
  isInterface: (mod: number): boolean => (mod & 0x0200) !== 0,
  isAbstract: (mod: number): boolean => (mod & 0x0400) !== 0,
  isAnnotation: (mod: number): boolean => (mod & 0x2000) !== 0,
  isEnum: (mod: number): boolean => (mod & 0x4000) !== 0,
  isVarArgs: (mod: number): boolean => (mod & 0x0080) !== 0,
  isVolatile: (mod: number): boolean => (mod & 0x0040) !== 0,
  isTransient: (mod: number): boolean => (mod & 0x0080) !== 0,
  isStrict: (mod: number): boolean => (mod & 0x0800) !== 0,

  /** `mod` made public (private and protected cleared). */
  setPublic: (mod: number): number => (mod & ~0x0006) | 0x0001,
  /** `mod` made protected (public and private cleared). */
  setProtected: (mod: number): number => (mod & ~0x0003) | 0x0004,
  /** `mod` made private (public and protected cleared). */
  setPrivate: (mod: number): number => (mod & ~0x0005) | 0x0002,
  /** `mod` with package access (public, private and protected cleared). */
  setPackage: (mod: number): number => mod & ~0x0007,
  /** `mod` without the bits of `clearBit`. */
  clear: (mod: number, clearBit: number): number => mod & ~clearBit,

  /** Java source spelling, in the order of java.lang.reflect.Modifier.toString. */
  toString(mod: number): string {
    const words: string[] = [];
    const add = (bit: number, word: string): void => {
      if ((mod & bit) !== 0) words.push(word);
    };
    add(0x0001, 'public');
    add(0x0004, 'protected');
    add(0x0002, 'private');
    add(0x0400, 'abstract');
    add(0x0008, 'static');
    add(0x0010, 'final');
    add(0x0080, 'transient');
    add(0x0040, 'volatile');
    add(0x0020, 'synchronized');
    add(0x0100, 'native');
    add(0x0800, 'strictfp');
    add(0x0200, 'interface');
    return words.join(' ');
  },
} as const;
