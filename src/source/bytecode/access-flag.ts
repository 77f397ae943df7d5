// # Javassist's AccessFlag: access_flags bits (JVMS §4.1, §4.5, §4.6) for the bytecode-level views
//
// The same values as Modifier; `of` and `toModifier` convert between the two as Javassist's do (the
// identity: its Modifier and AccessFlag bits coincide).

import { Modifier } from '../modifier.js';

export const AccessFlag = {
  PUBLIC: 0x0001,
  PRIVATE: 0x0002,
  PROTECTED: 0x0004,
  STATIC: 0x0008,
  FINAL: 0x0010,
  SYNCHRONIZED: 0x0020,
  VOLATILE: 0x0040,
  BRIDGE: 0x0040,
  TRANSIENT: 0x0080,
  VARARGS: 0x0080,
  NATIVE: 0x0100,
  INTERFACE: 0x0200,
  ABSTRACT: 0x0400,
  STRICT: 0x0800,
  SYNTHETIC: 0x1000,
  ANNOTATION: 0x2000,
  ENUM: 0x4000,
  MANDATED: 0x8000,
  SUPER: 0x0020,
  MODULE: 0x8000,

  setPublic: Modifier.setPublic,
  setProtected: Modifier.setProtected,
  setPrivate: Modifier.setPrivate,
  setPackage: Modifier.setPackage,
  isPublic: Modifier.isPublic,
  isProtected: Modifier.isProtected,
  isPrivate: Modifier.isPrivate,
  isPackage: Modifier.isPackage,
  clear: Modifier.clear,
  /** Modifier bits as access flags. */
  of: (modifier: number): number => modifier,
  /** Access flags as Modifier bits. */
  toModifier: (accessFlags: number): number => accessFlags,
} as const;
