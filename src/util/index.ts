// # asm-util: printers and tracing visitors (ASM's org.objectweb.asm.util), plus class-name globs

export { Printer, type PrintWriter } from './printer.js';
export { Textifier } from './textifier.js';
export { ASMifier } from './asmifier.js';
export { type TextifierSupport, isTextifierSupport } from './textifier-support.js';
export { TraceClassVisitor } from './trace-class-visitor.js';
export { TraceMethodVisitor } from './trace-method-visitor.js';
export { TraceFieldVisitor } from './trace-field-visitor.js';
export { TraceAnnotationVisitor } from './trace-annotation-visitor.js';
export { TraceRecordComponentVisitor } from './trace-record-component-visitor.js';
export { TraceModuleVisitor } from './trace-module-visitor.js';
export { TraceSignatureVisitor } from './trace-signature-visitor.js';
export { StringBuilder } from './string-builder.js';
export { StringWriter } from './string-writer.js';
export { ClassNameGlob, classNameGlobToRegExp, createClassNameFilter } from './class-name-glob.js';
export { CheckClassAdapter } from './check-class-adapter.js';
export { CheckMethodAdapter } from './check-method-adapter.js';
export { CheckFieldAdapter } from './check-field-adapter.js';
export { CheckAnnotationAdapter } from './check-annotation-adapter.js';
export { CheckRecordComponentAdapter } from './check-record-component-adapter.js';
export { CheckModuleAdapter } from './check-module-adapter.js';
export { CheckSignatureAdapter } from './check-signature-adapter.js';
export {
  IllegalArgumentException,
  IllegalStateException,
  IndexOutOfBoundsException,
  NoSuchElementException,
  UnsupportedOperationException,
} from '../asm/java-exceptions.js';
