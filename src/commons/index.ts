// ASM's org.objectweb.asm.commons: adapters and helpers built on the core visitor API.

export { Remapper } from './remapper.js';
export { SimpleRemapper } from './simple-remapper.js';
export { SignatureRemapper } from './signature-remapper.js';
export { ClassRemapper } from './class-remapper.js';
export { MethodRemapper } from './method-remapper.js';
export { FieldRemapper } from './field-remapper.js';
export { AnnotationRemapper } from './annotation-remapper.js';
export { RecordComponentRemapper } from './record-component-remapper.js';
export { ModuleRemapper } from './module-remapper.js';
export { SerialVersionUIDAdder } from './serial-version-uid-adder.js';
export { StaticInitMerger } from './static-init-merger.js';
export { TryCatchBlockSorter } from './try-catch-block-sorter.js';
export { CodeSizeEvaluator } from './code-size-evaluator.js';
export { ModuleHashesAttribute } from './module-hashes-attribute.js';
export { ModuleResolutionAttribute } from './module-resolution-attribute.js';
export { ModuleTargetAttribute } from './module-target-attribute.js';
export { Method } from './method.js';
export type { TableSwitchGenerator } from './table-switch-generator.js';
export { InstructionAdapter } from './instruction-adapter.js';
export { LocalVariablesSorter } from './local-variables-sorter.js';
export { GeneratorAdapter } from './generator-adapter.js';
export { AdviceAdapter, LimitExceededException } from './advice-adapter.js';
export { AnalyzerAdapter } from './analyzer-adapter.js';
export { JSRInlinerAdapter } from './jsr-inliner-adapter.js';
export { Advice, AdviceCustomMapping, AdviceWrapper } from './advice/advice.js';
export type { AdviceConstant, AdviceEnumConstant, AdvisedMethod, AdvisedMethodMatcher, AdvisedField, FieldLookup } from './advice/advice.js';

// COMPUTE_FRAMES cannot describe jsr/ret subroutines; the ClassWriter (which cannot import this layer)
// inlines them through this hook for classes older than Java 7, instead of failing as ASM does.
import { ClassWriter } from '../asm/class-writer.js';
import { JSRInlinerAdapter as SubroutineInliner } from './jsr-inliner-adapter.js';
ClassWriter.subroutineInliner = (methodWriter, access, name, descriptor, signature, exceptions) =>
  new SubroutineInliner(methodWriter, access, name, descriptor, signature, exceptions);
