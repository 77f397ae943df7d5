// # Javassist's ParameterAnnotationsAttribute: the annotations of each parameter (JVMS §4.7.18-19)
//
// What classpath scanners (Reflections and its kind) read to find `@PathParam`-style annotations:
// `mi.getAttribute(ParameterAnnotationsAttribute.visibleTag)` is a live view of the method's
// parameter annotations, or null when the class file has none; `new ParameterAnnotationsAttribute(cp,
// tag)` with setAnnotations, then MethodInfo.addAttribute, sets them. numParameters() is the
// attribute's num_parameters, which javac makes smaller than the descriptor's count for the implicit
// parameters of some constructors (an inner class's outer instance, an enum's name and ordinal).

import type { AnnotationNode } from '../../tree/annotation-node.js';
import { Annotation } from './annotation.js';
import { AttributeInfo } from './attribute-info.js';
import type { ConstPool } from './const-pool.js';

/** @internal Where a live ParameterAnnotationsAttribute reads and writes: per parameter, its annotations. */
export interface ParameterAnnotationsHolder {
  /** num_parameters and each parameter's annotations, or null when the method has none of this visibility. */
  get(): { count: number; annotations: readonly (readonly AnnotationNode[] | null)[] } | null;
  set(annotations: AnnotationNode[][]): void;
}

export class ParameterAnnotationsAttribute extends AttributeInfo {
  static readonly visibleTag = 'RuntimeVisibleParameterAnnotations';
  static readonly invisibleTag = 'RuntimeInvisibleParameterAnnotations';

  private detached: AnnotationNode[][] = [];
  private holder: ParameterAnnotationsHolder | null = null;

  /** Empty (no parameters) until setAnnotations, for MethodInfo.addAttribute. */
  constructor(_cp: ConstPool | null, tag: string) {
    if (tag !== ParameterAnnotationsAttribute.visibleTag && tag !== ParameterAnnotationsAttribute.invisibleTag) {
      throw new TypeError(`a ParameterAnnotationsAttribute is ${ParameterAnnotationsAttribute.visibleTag} or ${ParameterAnnotationsAttribute.invisibleTag}, not ${tag}`);
    }
    super(tag);
  }

  /** @internal Makes this attribute the live view of `holder`; with `adopt`, its annotations become the method's. */
  bind(holder: ParameterAnnotationsHolder, adopt: boolean): this {
    if (adopt) holder.set(this.detached);
    this.holder = holder;
    return this;
  }

  private nodes(): AnnotationNode[][] {
    if (this.holder === null) return this.detached;
    const current = this.holder.get();
    if (current === null) return [];
    return Array.from({ length: current.count }, (_, i) => [...(current.annotations[i] ?? [])]);
  }

  /** num_parameters: how many parameters the attribute has annotations for. */
  numParameters(): number {
    return this.nodes().length;
  }

  /** The annotations of each parameter (an empty array for a parameter without). */
  getAnnotations(): Annotation[][] {
    return this.nodes().map((parameter) => parameter.map((node) => Annotation.fromTree(node)));
  }

  /** Replaces every parameter's annotations (`params[i]`: parameter i's). */
  setAnnotations(params: readonly (readonly Annotation[])[]): void {
    const nodes = params.map((parameter) => parameter.map((annotation) => annotation.toTree()));
    if (this.holder === null) this.detached = nodes;
    else this.holder.set(nodes);
  }

  /** Each parameter's annotations separated by spaces, the parameters by ", " (Javassist's toString). */
  override toString(): string {
    let text = '';
    for (const parameter of this.getAnnotations()) {
      for (const annotation of parameter) text += `${annotation.toString()} `;
      text += ', ';
    }
    return text.replace(/ (?=,)|, $/g, '');
  }
}
