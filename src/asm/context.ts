import type { Attribute } from './attribute.js';
import type { Label } from './label.js';
import type { TypePath } from './type-path.js';

/**
 * The mutable state of one `ClassReader.accept` call: the parsing options, and what the reader
 * knows about the method, type annotation and stack map frame it is currently decoding. One
 * object per `accept`, so that a reader can be used by several visits, even re-entrantly.
 *
 * Every property is initialised in the constructor so that all contexts share one hidden class.
 *
 * @internal
 */
export class Context {
  /** The prototypes of the non-standard attributes that must be parsed with `Attribute.read`. */
  attributePrototypes: Attribute[];

  /** ClassReader.SKIP_CODE | SKIP_DEBUG | SKIP_FRAMES | EXPAND_FRAMES | EXPAND_ASM_INSNS. */
  parsingOptions: number;

  /**
   * Always null: kept so that code ported from ASM, which threads a `char[]` through every read,
   * still finds the property. Strings are decoded without a scratch buffer here.
   */
  charBuffer: null;

  // ## The method being read (set by readMethod).

  /** Access flags of the current method, including the ASM-only ACC_DEPRECATED/ACC_SYNTHETIC. */
  currentMethodAccessFlags: number;

  /** Name of the current method. */
  currentMethodName: string;

  /** Descriptor of the current method. */
  currentMethodDescriptor: string;

  /**
   * The labels of the current method's code, indexed by bytecode offset (length code_length + 1),
   * or null outside a Code attribute.
   */
  currentMethodLabels: Label[] | null;

  // ## The type annotation target being read (set by readTypeAnnotationTarget, JVMS §4.7.20.1).

  /** target_type and target_info, encoded as in TypeReference. */
  currentTypeAnnotationTarget: number;

  /** target_path, or null for an empty path. */
  currentTypeAnnotationTargetPath: TypePath | null;

  /** Start of each range of the current localvar_target. */
  currentLocalVariableAnnotationRangeStarts: Label[];

  /** End of each range of the current localvar_target. */
  currentLocalVariableAnnotationRangeEnds: Label[];

  /** Local variable index of each range of the current localvar_target. */
  currentLocalVariableAnnotationRangeIndices: number[];

  // ## The stack map frame being read (set by readStackMapFrame, JVMS §4.7.4).

  /** Bytecode offset of the current frame (-1 before the first explicit frame). */
  currentFrameOffset: number;

  /** Opcodes.F_FULL, F_APPEND, F_CHOP, F_SAME or F_SAME1. */
  currentFrameType: number;

  /** Number of locals in the current frame (one element per local, long and double included). */
  currentFrameLocalCount: number;

  /** Locals in this frame minus locals in the previous one (what F_APPEND / F_CHOP visit). */
  currentFrameLocalCountDelta: number;

  /** Local types of the current frame: all of them, or only the appended ones (compressed). */
  currentFrameLocalTypes: Array<number | string | Label>;

  /** Number of stack elements in the current frame. */
  currentFrameStackCount: number;

  /** Stack element types of the current frame. */
  currentFrameStackTypes: Array<number | string | Label>;

  /** max_locals of the current Code attribute: no frame may describe more locals. */
  currentFrameMaxLocals: number;

  /** max_stack of the current Code attribute: no frame may describe more stack elements. */
  currentFrameMaxStack: number;

  constructor(attributePrototypes: Attribute[], parsingOptions: number) {
    this.attributePrototypes = attributePrototypes;
    this.parsingOptions = parsingOptions;
    this.charBuffer = null;
    this.currentMethodAccessFlags = 0;
    this.currentMethodName = '';
    this.currentMethodDescriptor = '';
    this.currentMethodLabels = null;
    this.currentTypeAnnotationTarget = 0;
    this.currentTypeAnnotationTargetPath = null;
    this.currentLocalVariableAnnotationRangeStarts = [];
    this.currentLocalVariableAnnotationRangeEnds = [];
    this.currentLocalVariableAnnotationRangeIndices = [];
    this.currentFrameOffset = 0;
    this.currentFrameType = 0;
    this.currentFrameLocalCount = 0;
    this.currentFrameLocalCountDelta = 0;
    this.currentFrameLocalTypes = [];
    this.currentFrameStackCount = 0;
    this.currentFrameStackTypes = [];
    this.currentFrameMaxLocals = 0;
    this.currentFrameMaxStack = 0;
  }
}
