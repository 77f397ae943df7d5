// Transforms (DESIGN.md contracts 3 and 4): defineTransform, loading transform modules, applying
// them to one class, and running them over class files, directories and jars.

export {
  defineTransform,
  isTransformDefinition,
  narrowTransform,
  type ClassSelection,
  type HelperClassesContext,
  type HelperClassesFunction,
  type SourceTransform,
  type TransformContext,
  type TransformDefinition,
  type TransformOptionsSchema,
  type TransformSpec,
  type TransformStyle,
  type TreeTransform,
  type VisitorTransform,
} from './define-transform.js';
export { TransformDefinitionError } from './transform-definition-error.js';
export { TransformError } from './transform-error.js';
export { HelperClassError } from './helper-class-error.js';
export { collectHelperClasses, type HelperClass } from './helper-classes.js';
export { TransformLoadError } from './transform-load-error.js';
export { TransformOptionsError } from './transform-options-error.js';
export { loadTransform, type LoadedTransform } from './load-transform.js';
export {
  parseTransformOptionsArguments,
  resolveTransformOptions,
  validateTransformOptions,
  type TransformOptionsArguments,
} from './transform-options.js';
export {
  applyTransforms,
  type ActiveTransform,
  type ApplyTransformsEnvironment,
  type ClassTransformResult,
  type ClassTransformStatus,
  type TransformLogEntry,
} from './apply-transforms.js';
export type { ClassOutcome, ClassDone, ClassFailed } from './class-outcome.js';
export { createTransformClassPath, type TransformClassPathSpec } from './transform-class-path.js';
export { autoJobs, defaultJobs, runTransformJob, type JobTransform, type RunTransformJobOptions, type TransformJob } from './run-transform-job.js';
export {
  transformContainer,
  type TransformContainerOptions,
  type TransformFailure,
  type TransformSummary,
} from './transform-container.js';
export {
  ClassContainerError,
  type ClassContainerEntry,
  type ClassContainerFormat,
  type ClassContainerReader,
  type ClassContainerWriter,
  type ClassContainerWriterOptions,
} from './class-container.js';
export { openClassContainer } from './open-class-container.js';
