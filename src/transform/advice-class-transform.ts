// # A compiled Byte Buddy advice class as a transform: `-t TimingAdvice.class`
//
// Agents written for Byte Buddy keep their instrumentation in advice classes (static methods annotated
// @Advice.OnMethodEnter/@Advice.OnMethodExit, compiled by javac against Byte Buddy's annotations).
// Given such a class file where a transform module is expected, classforge applies it with its own
// Advice (src/commons/advice/) to the methods of every selected class, with no module to write:
//
//   classforge transform app.jar -o timed.jar -t TimingAdvice.class --include 'com.acme.**'
//   classforge run -t TimingAdvice.class --options 'TimingAdvice={"methods":"handle.*"}' -- java -jar app.jar
//
// The class becomes the text of a transform module with its bytes inside, so that it travels as any
// bundled module does: into worker threads and into agent jars (see load-transform.ts).
//
// Options (JSON Schema-checked like a module's): `methods`, a regular expression the whole method name
// must match (default: every method; Byte Buddy's nameMatches), `constructors` (default false: Byte
// Buddy's exit advice cannot catch exceptions around super(), so an onThrowable advice refuses them),
// `bind`, annotation name → value, for Advice.withCustomMapping().bind: a string, a boolean, an
// integer (an int, or a long beyond int's range), another number (a double), { "class": name },
// { "enum": name, "name": constant } (bindEnum), { "property": element } (bindProperty), or
// { "field": "com.acme.Config.LEVEL" } (bindField);
// and Byte Buddy's commonest matchers: `subtypeOf` (a binary name: only classes that are it or extend
// or implement it, isSubTypeOf, asked of the class path) and `annotatedWith` (a binary name: only
// methods carrying that annotation, isAnnotatedWith, read from the class's own class file).
// Synthetic methods are left out: lambda bodies, as Byte Buddy's builder leaves them out, and javac's
// bridges (which Byte Buddy instruments as the bridged method), whose calls reach that method. The advice class is
// added as a helper class (its static helpers and delegating advice run from it) unless the class
// path already has it; its own methods are never instrumented.

import { readFile } from 'node:fs/promises';
import { Advice } from '../commons/advice/advice.js';
import { TransformLoadError } from './transform-load-error.js';

/** The text of a transform module applying the advice class file `file`, importing classforge from `classforgeUrl`. */
export async function adviceClassModuleCode(file: string, classforgeUrl: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new TransformLoadError(file, (error as Error).message, { cause: error });
  }
  let advice: Advice;
  try {
    advice = Advice.to(bytes);
  } catch (error) {
    // Not an advice class (No advice defined by …), or not a class file at all (ClassFormatError).
    throw new TransformLoadError(file, `not a usable advice class: ${(error as Error).message}`, { cause: error });
  }
  const dotted = advice.adviceClass.replace(/\//g, '.');
  const simpleName = dotted.substring(dotted.lastIndexOf('.') + 1);
  const base64 = Buffer.from(bytes).toString('base64');
  return `import { Advice, ClassNode, ClassReader, Double, Type, defineTransform } from ${JSON.stringify(classforgeUrl)};
const bytes = new Uint8Array(Buffer.from(${JSON.stringify(base64)}, 'base64'));
const adviceClass = ${JSON.stringify(advice.adviceClass)};
const patterns = new Map();
function methodPattern(source) {
  let pattern = patterns.get(source);
  if (pattern === undefined) patterns.set(source, (pattern = new RegExp('^(?:' + source + ')$')));
  return pattern;
}
// The advice read with the options' bindings, once per distinct bindings.
const advices = new Map();
function constant(value) {
  if (typeof value === 'object' && value.enum !== undefined) return { enumType: value.enum.replace(/\\./g, '/'), name: value.name };
  if (typeof value === 'object') return Type.getObjectType(value.class.replace(/\\./g, '/'));
  if (typeof value !== 'number') return value;
  if (!Number.isInteger(value)) return new Double(value);
  return value >= -2147483648 && value <= 2147483647 ? value : BigInt(value);
}
function adviceFor(bind) {
  const key = JSON.stringify(bind);
  let advice = advices.get(key);
  if (advice === undefined) {
    let mapping = Advice.withCustomMapping();
    for (const [annotation, value] of Object.entries(bind)) {
      if (typeof value === 'object' && value.property !== undefined) mapping = mapping.bindProperty(annotation, value.property);
      else if (typeof value === 'object' && value.field !== undefined) {
        const dot = value.field.lastIndexOf('.');
        mapping = mapping.bindField(annotation, value.field.substring(0, dot), value.field.substring(dot + 1));
      } else mapping = mapping.bind(annotation, constant(value));
    }
    advices.set(key, (advice = mapping.to(bytes)));
  }
  return advice;
}
// The methods (name + descriptor) of the class in ctx that carry the annotation \`descriptor\`.
function annotatedMethods(ctx, descriptor) {
  const bytes = ctx.classPath.getClassBytes(ctx.internalName);
  const found = new Set();
  if (bytes === undefined) return found;
  const node = new ClassNode();
  new ClassReader(bytes).accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
  for (const method of node.methods) {
    const annotations = [...(method.visibleAnnotations ?? []), ...(method.invisibleAnnotations ?? [])];
    if (annotations.some((annotation) => annotation.desc === descriptor)) found.add(method.name + method.desc);
  }
  return found;
}
export default defineTransform({
  name: ${JSON.stringify(simpleName)},
  description: ${JSON.stringify(`Byte Buddy advice ${dotted} (${file})`)},
  options: {
    type: 'object',
    properties: {
      methods: { type: 'string', default: '.*', description: 'a regular expression the whole method name must match' },
      constructors: { type: 'boolean', default: false, description: 'also constructors' },
      subtypeOf: { type: 'string', description: 'only classes that are this class or interface or extend or implement it (binary name)' },
      annotatedWith: { type: 'string', description: 'only methods annotated with this annotation (binary name)' },
      bind: {
        type: 'object',
        default: {},
        description: 'annotation name → what the advice parameters it marks get (Advice.withCustomMapping()): a constant, { class }, { enum, name }, { property } (bindProperty) or { field: "Class.name" } (bindField)',
        additionalProperties: {
          anyOf: [
            { type: 'string' },
            { type: 'number' },
            { type: 'boolean' },
            { type: 'object', properties: { class: { type: 'string' } }, required: ['class'], additionalProperties: false },
            { type: 'object', properties: { enum: { type: 'string' }, name: { type: 'string' } }, required: ['enum', 'name'], additionalProperties: false },
            { type: 'object', properties: { property: { type: 'string' } }, required: ['property'], additionalProperties: false },
            { type: 'object', properties: { field: { type: 'string', pattern: '\\\\.' } }, required: ['field'], additionalProperties: false },
          ],
        },
      },
    },
    additionalProperties: false,
  },
  helperClasses: (ctx) => (ctx.classPath.hasClass(adviceClass) ? [] : [bytes]),
  visitor: (next, ctx) => {
    if (ctx.internalName === adviceClass || ctx.internalName.startsWith(adviceClass + '$')) return next;
    const { subtypeOf, annotatedWith } = ctx.options;
    if (subtypeOf !== undefined && ctx.classPath.isSubtypeOf(ctx.internalName, subtypeOf.replace(/\\./g, '/')) !== true) return next;
    const annotated = annotatedWith === undefined ? null : annotatedMethods(ctx, 'L' + annotatedWith.replace(/\\./g, '/') + ';');
    if (annotated !== null && annotated.size === 0) return next;
    const methods = methodPattern(ctx.options.methods);
    const constructors = ctx.options.constructors;
    return adviceFor(ctx.options.bind)
      .on(
        (method) =>
          (method.access & 0x1000) === 0 &&
          (method.name === '<init>' ? constructors : method.name !== '<clinit>' && methods.test(method.name)) &&
          (annotated === null || annotated.has(method.name + method.descriptor)),
      )
      .wrap(next, { classPath: ctx.classPath });
  },
});
`;
}
