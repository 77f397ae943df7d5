// # One class as text: ASM's Textifier listing, or the code that generates it (ASMifier)

import { ClassReader } from '../asm/class-reader.js';
import { ASMifier } from './asmifier.js';
import { StringWriter } from './string-writer.js';
import { TraceClassVisitor } from './trace-class-visitor.js';

/** The Textifier text of one class (what ASM's Textifier main and `classforge print` print). */
export function textifyClass(bytes: Uint8Array, parsingOptions = 0): string {
  const writer = new StringWriter();
  new ClassReader(bytes).accept(new TraceClassVisitor(null, writer), parsingOptions);
  return writer.toString();
}

/** The TypeScript module that generates one class (as ASM's ASMifier main prints the Java code). */
export function asmifyClass(bytes: Uint8Array, parsingOptions = 0): string {
  const writer = new StringWriter();
  new ClassReader(bytes).accept(new TraceClassVisitor(null, new ASMifier(), writer), parsingOptions);
  return writer.toString();
}
