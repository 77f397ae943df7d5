// The JavaScript text of a function, for transform files written by tests, that makes a helper class:
// `printerClass(name, method, prefix)` is the class file of `public class <name>` with
// `public static void <method>(String s)` printing `<prefix> + s` on System.out. The transform file
// imports ClassWriter and Opcodes from 'classforge'.
export const PRINTER_CLASS_SOURCE = `
function printerClass(name, method, prefix) {
  const cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
  cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, 'java/lang/Object', null);
  const mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, method, '(Ljava/lang/String;)V', null, null);
  mv.visitCode();
  mv.visitFieldInsn(Opcodes.GETSTATIC, 'java/lang/System', 'out', 'Ljava/io/PrintStream;');
  mv.visitLdcInsn(prefix);
  mv.visitVarInsn(Opcodes.ALOAD, 0);
  mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/lang/String', 'concat', '(Ljava/lang/String;)Ljava/lang/String;', false);
  mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, 'java/io/PrintStream', 'println', '(Ljava/lang/String;)V', false);
  mv.visitInsn(Opcodes.RETURN);
  mv.visitMaxs(0, 0);
  mv.visitEnd();
  cw.visitEnd();
  return cw.toByteArray();
}
`;
