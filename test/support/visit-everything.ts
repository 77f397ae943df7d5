// Test support: a ClassVisitor that asks for every event a ClassReader can produce (every member, code,
// annotation, record component and module directive) and does nothing with them. Accepting it makes the
// reader parse the whole class file.

import { AnnotationVisitor } from '../../src/asm/annotation-visitor.js';
import { ClassVisitor } from '../../src/asm/class-visitor.js';
import { FieldVisitor } from '../../src/asm/field-visitor.js';
import { MethodVisitor } from '../../src/asm/method-visitor.js';
import { ModuleVisitor } from '../../src/asm/module-visitor.js';
import { Opcodes } from '../../src/asm/opcodes.js';
import { RecordComponentVisitor } from '../../src/asm/record-component-visitor.js';

class EveryAnnotation extends AnnotationVisitor {
  constructor() {
    super(Opcodes.ASM9);
  }

  override visitAnnotation(): AnnotationVisitor {
    return this;
  }

  override visitArray(): AnnotationVisitor {
    return this;
  }
}

class EveryField extends FieldVisitor {
  constructor(private readonly annotations: AnnotationVisitor) {
    super(Opcodes.ASM9);
  }

  override visitAnnotation(): AnnotationVisitor {
    return this.annotations;
  }

  override visitTypeAnnotation(): AnnotationVisitor {
    return this.annotations;
  }
}

class EveryRecordComponent extends RecordComponentVisitor {
  constructor(private readonly annotations: AnnotationVisitor) {
    super(Opcodes.ASM9);
  }

  override visitAnnotation(): AnnotationVisitor {
    return this.annotations;
  }

  override visitTypeAnnotation(): AnnotationVisitor {
    return this.annotations;
  }
}

class EveryMethod extends MethodVisitor {
  constructor(private readonly annotations: AnnotationVisitor) {
    super(Opcodes.ASM9);
  }

  override visitAnnotationDefault(): AnnotationVisitor {
    return this.annotations;
  }

  override visitAnnotation(): AnnotationVisitor {
    return this.annotations;
  }

  override visitTypeAnnotation(): AnnotationVisitor {
    return this.annotations;
  }

  override visitParameterAnnotation(): AnnotationVisitor {
    return this.annotations;
  }

  override visitInsnAnnotation(): AnnotationVisitor {
    return this.annotations;
  }

  override visitTryCatchAnnotation(): AnnotationVisitor {
    return this.annotations;
  }

  override visitLocalVariableAnnotation(): AnnotationVisitor {
    return this.annotations;
  }
}

/** Visits everything; stateless, so one instance can be reused across accepts. */
export class VisitEverything extends ClassVisitor {
  private readonly annotations = new EveryAnnotation();
  private readonly field = new EveryField(this.annotations);
  private readonly method = new EveryMethod(this.annotations);
  private readonly recordComponent = new EveryRecordComponent(this.annotations);
  private readonly module = new ModuleVisitor(Opcodes.ASM9);

  constructor() {
    super(Opcodes.ASM9);
  }

  override visitModule(): ModuleVisitor {
    return this.module;
  }

  override visitAnnotation(): AnnotationVisitor {
    return this.annotations;
  }

  override visitTypeAnnotation(): AnnotationVisitor {
    return this.annotations;
  }

  override visitRecordComponent(): RecordComponentVisitor {
    return this.recordComponent;
  }

  override visitField(): FieldVisitor {
    return this.field;
  }

  override visitMethod(): MethodVisitor {
    return this.method;
  }
}
