// The clock the controllable-clock transform redirects to, generated with GeneratorAdapter:
//
//   public final class classforge.examples.Clock {
//     public static long currentTimeMillis() {
//       String v = System.getProperty("classforge.clock.millis");
//       return v == null ? System.currentTimeMillis() : Long.parseLong(v);
//     }
//     public static long nanoTime()   // the same with "classforge.clock.nanos" and System.nanoTime()
//   }
//
// The transform adds these bytes as a helper class, so the rewritten program finds its clock wherever it
// runs; freeze time with `java -Dclassforge.clock.millis=1700000000000 -Dclassforge.clock.nanos=0 …`.

import { ClassWriter, GeneratorAdapter, Method, Opcodes, Type } from 'classforge';

/** The internal name of the generated clock class. */
export const CLOCK_CLASS = 'classforge/examples/Clock';

const SYSTEM = Type.getObjectType('java/lang/System');
const LONG = Type.getObjectType('java/lang/Long');

/** The class file of the clock (Java 8 class file version, so it runs on any JVM from 8 on). */
export function clockClass(internalName: string = CLOCK_CLASS): Uint8Array {
  const writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
  writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName, null, 'java/lang/Object', null);
  for (const [name, property] of [
    ['currentTimeMillis', 'classforge.clock.millis'],
    ['nanoTime', 'classforge.clock.nanos'],
  ] as const) {
    const method = new Method(name, '()J');
    const access = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
    const generator = new GeneratorAdapter(access, method, writer.visitMethod(access, name, '()J', null, null));
    generator.visitCode();
    generator.push(property);
    generator.invokeStatic(SYSTEM, new Method('getProperty', '(Ljava/lang/String;)Ljava/lang/String;'));
    generator.dup();
    const realClock = generator.newLabel();
    generator.ifNull(realClock);
    generator.invokeStatic(LONG, new Method('parseLong', '(Ljava/lang/String;)J'));
    generator.returnValue();
    generator.mark(realClock);
    generator.pop();
    generator.invokeStatic(SYSTEM, method);
    generator.returnValue();
    generator.endMethod();
  }
  writer.visitEnd();
  return writer.toByteArray();
}
