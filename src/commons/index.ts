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
