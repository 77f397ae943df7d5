// # CheckSignatureAdapter: checks the order and arguments of SignatureVisitor calls
//
// A small automaton follows the grammar of JVMS §4.7.9.1: class signatures are
// (formal type parameter, bounds)* superclass interface*, method signatures are
// (formal type parameter, bounds)* parameter* return exception*, and a type signature is one
// base type, type variable, array type or class type (with type arguments and inner classes).
// Each nested signature is checked by a new adapter.

import { Opcodes } from '../asm/opcodes.js';
import { SignatureVisitor } from '../asm/signature/signature-visitor.js';
import { IllegalArgumentException, IllegalStateException } from './check-errors.js';

// The states of the automaton, as bits so that the allowed states of each call are one mask.
const EMPTY = 1;
const FORMAL = 2;
const BOUND = 4;
const SUPER = 8;
const PARAM = 16;
const RETURN = 32;
const SIMPLE_TYPE = 64;
const CLASS_TYPE = 128;
const END = 256;

const STATE_NAMES: Record<number, string> = {
  [EMPTY]: 'EMPTY',
  [FORMAL]: 'FORMAL',
  [BOUND]: 'BOUND',
  [SUPER]: 'SUPER',
  [PARAM]: 'PARAM',
  [RETURN]: 'RETURN',
  [SIMPLE_TYPE]: 'SIMPLE_TYPE',
  [CLASS_TYPE]: 'CLASS_TYPE',
  [END]: 'END',
};

const SIGNATURE_KINDS = ['class signature', 'method signature', 'type signature'];

/** A SignatureVisitor that checks that its methods are called in a valid order with valid names. */
export class CheckSignatureAdapter extends SignatureVisitor {
  /** Checks a ClassSignature (JVMS §4.7.9.1). */
  static readonly CLASS_SIGNATURE = 0;
  /** Checks a MethodSignature. */
  static readonly METHOD_SIGNATURE = 1;
  /** Checks a JavaTypeSignature / ReferenceTypeSignature (field signatures, nested types). */
  static readonly TYPE_SIGNATURE = 2;

  /** The kind of signature checked: CLASS_SIGNATURE, METHOD_SIGNATURE or TYPE_SIGNATURE. */
  private readonly type: number;
  /** The current state of the automaton. */
  private state: number;
  /** Whether the visited type may be `V` (a method's return type). */
  private canBeVoid: boolean;
  /** The visitor to which calls are forwarded, or null. */
  private readonly signatureVisitor: SignatureVisitor | null;

  constructor(type: number, signatureVisitor: SignatureVisitor | null);
  constructor(api: number, type: number, signatureVisitor: SignatureVisitor | null);
  constructor(...args: [number, SignatureVisitor | null] | [number, number, SignatureVisitor | null]) {
    const withApi = args.length === 3;
    super(withApi ? args[0] : Opcodes.ASM9);
    this.type = withApi ? args[1] : args[0];
    this.state = EMPTY;
    this.canBeVoid = false;
    this.signatureVisitor = (withApi ? args[2] : args[1]) ?? null;
  }

  // ## Class and method signatures

  override visitFormalTypeParameter(name: string): void {
    this.checkCall('visitFormalTypeParameter', this.type !== CheckSignatureAdapter.TYPE_SIGNATURE, EMPTY | FORMAL | BOUND);
    checkSignatureIdentifier(name, 'formal type parameter');
    this.state = FORMAL;
    this.signatureVisitor?.visitFormalTypeParameter(name);
  }

  override visitClassBound(): SignatureVisitor {
    this.checkCall('visitClassBound', this.type !== CheckSignatureAdapter.TYPE_SIGNATURE, FORMAL);
    this.state = BOUND;
    return this.nested(this.signatureVisitor?.visitClassBound() ?? null);
  }

  override visitInterfaceBound(): SignatureVisitor {
    this.checkCall('visitInterfaceBound', this.type !== CheckSignatureAdapter.TYPE_SIGNATURE, FORMAL | BOUND);
    return this.nested(this.signatureVisitor?.visitInterfaceBound() ?? null);
  }

  // ## Class signatures

  override visitSuperclass(): SignatureVisitor {
    this.checkCall('visitSuperclass', this.type === CheckSignatureAdapter.CLASS_SIGNATURE, EMPTY | FORMAL | BOUND);
    this.state = SUPER;
    return this.nested(this.signatureVisitor?.visitSuperclass() ?? null);
  }

  override visitInterface(): SignatureVisitor {
    this.checkCall('visitInterface', this.type === CheckSignatureAdapter.CLASS_SIGNATURE, SUPER);
    return this.nested(this.signatureVisitor?.visitInterface() ?? null);
  }

  // ## Method signatures

  override visitParameterType(): SignatureVisitor {
    this.checkCall(
      'visitParameterType',
      this.type === CheckSignatureAdapter.METHOD_SIGNATURE,
      EMPTY | FORMAL | BOUND | PARAM,
    );
    this.state = PARAM;
    return this.nested(this.signatureVisitor?.visitParameterType() ?? null);
  }

  override visitReturnType(): SignatureVisitor {
    this.checkCall('visitReturnType', this.type === CheckSignatureAdapter.METHOD_SIGNATURE, EMPTY | FORMAL | BOUND | PARAM);
    this.state = RETURN;
    const adapter = this.nested(this.signatureVisitor?.visitReturnType() ?? null);
    adapter.canBeVoid = true;
    return adapter;
  }

  override visitExceptionType(): SignatureVisitor {
    this.checkCall('visitExceptionType', this.type === CheckSignatureAdapter.METHOD_SIGNATURE, RETURN);
    return this.nested(this.signatureVisitor?.visitExceptionType() ?? null);
  }

  // ## Type signatures

  override visitBaseType(descriptor: string): void {
    this.checkCall('visitBaseType', this.type === CheckSignatureAdapter.TYPE_SIGNATURE, EMPTY);
    if (descriptor === 'V') {
      if (!this.canBeVoid) {
        throw new IllegalArgumentException("Base type descriptor can't be V");
      }
    } else if (descriptor.length !== 1 || 'ZCBSIFJD'.indexOf(descriptor) === -1) {
      throw new IllegalArgumentException(`Base type descriptor must be one of ZCBSIFJD: ${descriptor}`);
    }
    this.state = SIMPLE_TYPE;
    this.signatureVisitor?.visitBaseType(descriptor);
  }

  override visitTypeVariable(name: string): void {
    this.checkCall('visitTypeVariable', this.type === CheckSignatureAdapter.TYPE_SIGNATURE, EMPTY);
    checkSignatureIdentifier(name, 'type variable');
    this.state = SIMPLE_TYPE;
    this.signatureVisitor?.visitTypeVariable(name);
  }

  override visitArrayType(): SignatureVisitor {
    this.checkCall('visitArrayType', this.type === CheckSignatureAdapter.TYPE_SIGNATURE, EMPTY);
    this.state = SIMPLE_TYPE;
    return this.nested(this.signatureVisitor?.visitArrayType() ?? null);
  }

  override visitClassType(name: string): void {
    this.checkCall('visitClassType', this.type === CheckSignatureAdapter.TYPE_SIGNATURE, EMPTY);
    checkClassName(name, 'class name');
    this.state = CLASS_TYPE;
    this.signatureVisitor?.visitClassType(name);
  }

  override visitInnerClassType(name: string): void {
    this.checkCall('visitInnerClassType', true, CLASS_TYPE);
    checkSignatureIdentifier(name, 'inner class name');
    this.signatureVisitor?.visitInnerClassType(name);
  }

  override visitTypeArgument(): void;
  override visitTypeArgument(wildcard: string): SignatureVisitor;
  override visitTypeArgument(wildcard?: string): SignatureVisitor | void {
    this.checkCall('visitTypeArgument', true, CLASS_TYPE);
    if (wildcard === undefined) {
      this.signatureVisitor?.visitTypeArgument();
      return;
    }
    if (wildcard.length !== 1 || '+-='.indexOf(wildcard) === -1) {
      throw new IllegalArgumentException(`Wildcard must be one of +-=: ${wildcard}`);
    }
    return this.nested(this.signatureVisitor === null ? null : this.signatureVisitor.visitTypeArgument(wildcard));
  }

  override visitEnd(): void {
    this.checkCall('visitEnd', true, CLASS_TYPE);
    this.state = END;
    this.signatureVisitor?.visitEnd();
  }

  // ## Helpers

  /** A checker for a nested type signature, forwarding to `delegate`. */
  private nested(delegate: SignatureVisitor | null): CheckSignatureAdapter {
    return new CheckSignatureAdapter(this.api, CheckSignatureAdapter.TYPE_SIGNATURE, delegate);
  }

  /** Throws unless the call fits this kind of signature and the automaton is in one of `states`. */
  private checkCall(method: string, kindAllowed: boolean, states: number): void {
    if (!kindAllowed) {
      throw new IllegalStateException(`${method} cannot be called on a ${SIGNATURE_KINDS[this.type] ?? 'signature'}`);
    }
    if ((this.state & states) === 0) {
      throw new IllegalStateException(`${method} cannot be called in state ${STATE_NAMES[this.state]}`);
    }
  }
}

/** A class name in a signature: internal form, so '/' is allowed (JVMS §4.7.9.1). */
function checkClassName(name: string, message: string): void {
  if (name === null || name === undefined || name.length === 0) {
    throw new IllegalArgumentException(`Invalid ${message} (must not be null or empty)`);
  }
  for (let i = 0; i < name.length; ++i) {
    if ('.;[<>:'.indexOf(name.charAt(i)) !== -1) {
      throw new IllegalArgumentException(`Invalid ${message} (must not contain . ; [ < > or :): ${name}`);
    }
  }
}

/** An Identifier of JVMS §4.7.9.1: none of . ; [ / < > : */
function checkSignatureIdentifier(name: string, message: string): void {
  if (name === null || name === undefined || name.length === 0) {
    throw new IllegalArgumentException(`Invalid ${message} (must not be null or empty)`);
  }
  for (let i = 0; i < name.length; ++i) {
    if ('.;[/<>:'.indexOf(name.charAt(i)) !== -1) {
      throw new IllegalArgumentException(`Invalid ${message} (must not contain . ; [ / < > or :): ${name}`);
    }
  }
}
