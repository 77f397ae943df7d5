import { Opcodes } from '../asm/opcodes.js';
import { SignatureVisitor } from '../asm/signature/signature-visitor.js';
import type { Remapper } from './remapper.js';

/**
 * A SignatureVisitor that remaps the class names of a generic signature (JVMS §4.7.9.1) with a
 * Remapper and forwards everything else unchanged to another SignatureVisitor.
 *
 * Constructors: `(signatureVisitor, remapper)` uses ASM9; subclasses pass
 * `(api, signatureVisitor, remapper)`.
 */
export class SignatureRemapper extends SignatureVisitor {
  private readonly signatureVisitor: SignatureVisitor;
  private readonly remapper: Remapper;
  /**
   * The (unremapped) names of the class types being visited, innermost last: inner class types
   * (`Outer<T>.Inner`) are named relative to them, so the full name must be rebuilt to be remapped.
   */
  private readonly classNames: string[];

  constructor(signatureVisitor: SignatureVisitor, remapper: Remapper);
  constructor(api: number, signatureVisitor: SignatureVisitor, remapper: Remapper);
  constructor(
    apiOrVisitor: number | SignatureVisitor,
    visitorOrRemapper: SignatureVisitor | Remapper,
    remapperArgument?: Remapper,
  ) {
    const withApi = typeof apiOrVisitor === 'number';
    super(withApi ? apiOrVisitor : Opcodes.ASM9);
    this.signatureVisitor = (withApi ? visitorOrRemapper : apiOrVisitor) as SignatureVisitor;
    this.remapper = (withApi ? remapperArgument : visitorOrRemapper) as Remapper;
    this.classNames = [];
  }

  override visitClassType(name: string): void {
    this.classNames.push(name);
    this.signatureVisitor.visitClassType(this.remapper.mapType(name));
  }

  override visitInnerClassType(name: string): void {
    const outerClassName = this.classNames.pop()!;
    const className = outerClassName + '$' + name;
    this.classNames.push(className);
    // The inner name is what follows the remapped outer name (plus '$') in the remapped full name;
    // if the remapping did not keep that prefix, fall back to the text after the last '$'.
    const remappedOuter = this.remapper.mapType(outerClassName) + '$';
    const remappedName = this.remapper.mapType(className);
    const index = remappedName.startsWith(remappedOuter)
      ? remappedOuter.length
      : remappedName.lastIndexOf('$') + 1;
    this.signatureVisitor.visitInnerClassType(remappedName.substring(index));
  }

  override visitFormalTypeParameter(name: string): void {
    this.signatureVisitor.visitFormalTypeParameter(name);
  }

  override visitTypeVariable(name: string): void {
    this.signatureVisitor.visitTypeVariable(name);
  }

  override visitArrayType(): SignatureVisitor {
    this.signatureVisitor.visitArrayType();
    return this;
  }

  override visitBaseType(descriptor: string): void {
    this.signatureVisitor.visitBaseType(descriptor);
  }

  override visitClassBound(): SignatureVisitor {
    this.signatureVisitor.visitClassBound();
    return this;
  }

  override visitExceptionType(): SignatureVisitor {
    this.signatureVisitor.visitExceptionType();
    return this;
  }

  override visitInterface(): SignatureVisitor {
    this.signatureVisitor.visitInterface();
    return this;
  }

  override visitInterfaceBound(): SignatureVisitor {
    this.signatureVisitor.visitInterfaceBound();
    return this;
  }

  override visitParameterType(): SignatureVisitor {
    this.signatureVisitor.visitParameterType();
    return this;
  }

  override visitReturnType(): SignatureVisitor {
    this.signatureVisitor.visitReturnType();
    return this;
  }

  override visitSuperclass(): SignatureVisitor {
    this.signatureVisitor.visitSuperclass();
    return this;
  }

  // Java's two overloads (unbounded `*`, and a wildcard char '+', '-' or '=') are one method here,
  // as in SignatureVisitor.
  override visitTypeArgument(): void;
  override visitTypeArgument(wildcard: string): SignatureVisitor;
  override visitTypeArgument(wildcard?: string): SignatureVisitor | void {
    if (wildcard === undefined) {
      this.signatureVisitor.visitTypeArgument();
      return;
    }
    this.signatureVisitor.visitTypeArgument(wildcard);
    return this;
  }

  override visitEnd(): void {
    this.signatureVisitor.visitEnd();
    this.classNames.pop();
  }
}
