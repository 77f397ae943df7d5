// classforge/source's bytecode-level views (Javassist's ClassFile, MethodInfo, FieldInfo,
// AnnotationsAttribute, Annotation and its MemberValues, CodeAttribute's LocalVariableAttribute): the
// two things real Javassist code does with them besides snippets — adding annotations and reading
// parameter names — done by Javassist 3.27 and by classforge/source on the same javac output, then read
// back by Java reflection under -Xverify:all.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Annotation,
  AnnotationMemberValue,
  AnnotationsAttribute,
  ArrayMemberValue,
  BooleanMemberValue,
  CharMemberValue,
  ClassMemberValue,
  ClassPool,
  DoubleMemberValue,
  EnumMemberValue,
  IntegerMemberValue,
  LocalVariableAttribute,
  LongMemberValue,
  Modifier,
  StringMemberValue,
} from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const JAVASSIST_JAR = '/usr/share/java/javassist.jar';

const PROGRAM = {
  'an/Info.java': `package an;
import java.lang.annotation.*;
@Retention(RetentionPolicy.RUNTIME) public @interface Info {
  String name() default "?"; int level() default 0; long big() default 0L; boolean on() default false; char c() default 'x';
  double ratio() default 0; Class<?> type() default Object.class; java.util.concurrent.TimeUnit unit() default java.util.concurrent.TimeUnit.SECONDS;
  String[] tags() default {}; Tag inner() default @Tag("none");
}`,
  'an/Tag.java': `package an;
import java.lang.annotation.*;
@Retention(RetentionPolicy.RUNTIME) public @interface Tag { String value(); }`,
  'an/Target.java': `package an;
@Tag("kept")
public class Target {
  public int count;
  public String greet(String who, int times) { return who + times; }
  public static long twice(long value) { return 2 * value; }
}`,
  'an/Main.java': `package an;
import java.lang.annotation.Annotation;
import java.lang.reflect.*;
import java.util.*;
public class Main {
  // Each annotation as type(element=value, …) with elements sorted by name: Annotation.toString's
  // order follows reflection's method order, which is not stable from one JVM run to the next.
  static String show(Annotation[] annotations) throws Exception {
    List<String> out = new ArrayList<>();
    for (Annotation a : annotations) {
      Method[] elements = a.annotationType().getDeclaredMethods();
      Arrays.sort(elements, Comparator.comparing(Method::getName));
      List<String> values = new ArrayList<>();
      for (Method m : elements) {
        Object v = m.invoke(a);
        values.add(m.getName() + "=" + (v instanceof Object[] ? Arrays.deepToString((Object[]) v) : v instanceof Annotation ? show(new Annotation[] { (Annotation) v }) : String.valueOf(v)));
      }
      out.add(a.annotationType().getName() + values);
    }
    return out.toString();
  }
  public static void main(String[] args) throws Exception {
    Class<?> t = Target.class;
    System.out.println(show(t.getAnnotations()));
    System.out.println(show(t.getMethod("greet", String.class, int.class).getAnnotations()));
    System.out.println(show(t.getField("count").getAnnotations()));
    System.out.println(show(t.getMethod("twice", long.class).getAnnotations()));
  }
}`,
};

/** The edits, written once in Java (for Javassist) and once in TypeScript (below), line for line. */
const JAVASSIST_EDITS = `
import javassist.*;
import javassist.bytecode.*;
import javassist.bytecode.annotation.*;
public class Edits {
  public static void main(String[] args) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.appendClassPath(args[0]);
    CtClass c = pool.get("an.Target");
    ClassFile cf = c.getClassFile();
    ConstPool cp = cf.getConstPool();
    AnnotationsAttribute classAttr = (AnnotationsAttribute) cf.getAttribute(AnnotationsAttribute.visibleTag);
    Annotation info = new Annotation("an.Info", cp);
    info.addMemberValue("name", new StringMemberValue("target", cp));
    classAttr.addAnnotation(info);
    CtMethod greet = c.getDeclaredMethod("greet");
    AnnotationsAttribute attr = new AnnotationsAttribute(cp, AnnotationsAttribute.visibleTag);
    Annotation full = new Annotation("an.Info", cp);
    full.addMemberValue("level", new IntegerMemberValue(cp, 3));
    full.addMemberValue("big", new LongMemberValue(1234567890123L, cp));
    full.addMemberValue("on", new BooleanMemberValue(true, cp));
    full.addMemberValue("c", new CharMemberValue('z', cp));
    full.addMemberValue("ratio", new DoubleMemberValue(0.5, cp));
    full.addMemberValue("type", new ClassMemberValue("java.lang.String", cp));
    EnumMemberValue unit = new EnumMemberValue(cp);
    unit.setType("java.util.concurrent.TimeUnit");
    unit.setValue("DAYS");
    full.addMemberValue("unit", unit);
    ArrayMemberValue tags = new ArrayMemberValue(cp);
    tags.setValue(new MemberValue[] { new StringMemberValue("a", cp), new StringMemberValue("b", cp) });
    full.addMemberValue("tags", tags);
    Annotation tag = new Annotation("an.Tag", cp);
    tag.addMemberValue("value", new StringMemberValue("nested", cp));
    full.addMemberValue("inner", new AnnotationMemberValue(tag, cp));
    attr.addAnnotation(full);
    greet.getMethodInfo().addAttribute(attr);
    AnnotationsAttribute fieldAttr = new AnnotationsAttribute(cp, AnnotationsAttribute.visibleTag);
    Annotation fieldTag = new Annotation("an.Tag", cp);
    fieldTag.addMemberValue("value", new StringMemberValue("field", cp));
    fieldAttr.addAnnotation(fieldTag);
    c.getDeclaredField("count").getFieldInfo().addAttribute(fieldAttr);
    StringBuilder names = new StringBuilder();
    for (CtMethod m : new CtMethod[] { greet, c.getDeclaredMethod("twice") }) {
      CodeAttribute code = m.getMethodInfo().getCodeAttribute();
      LocalVariableAttribute locals = (LocalVariableAttribute) code.getAttribute(LocalVariableAttribute.tag);
      int first = Modifier.isStatic(m.getModifiers()) ? 0 : 1;
      for (int i = 0; i < m.getParameterTypes().length; i++) names.append(locals.variableName(i + first)).append(' ');
    }
    System.out.println(names.toString().trim());
    System.out.println(((AnnotationsAttribute) greet.getMethodInfo().getAttribute(AnnotationsAttribute.visibleTag)).getAnnotation("an.Info").getMemberNames().size());
    c.writeFile(args[1]);
  }
}
`;

describe('classforge/source bytecode-level views', () => {
  it('add annotations and read parameter names as Javassist code does', async () => {
    const program = await compileJava(PROGRAM, { javacOptions: ['-g'] });
    const pool = new ClassPool(true).appendClassPath(program.dir);
    const c = pool.get('an.Target');
    const cf = c.getClassFile();
    const cp = cf.getConstPool();
    const classAttr = cf.getAttribute(AnnotationsAttribute.visibleTag) as AnnotationsAttribute;
    const info = new Annotation('an.Info', cp);
    info.addMemberValue('name', new StringMemberValue('target', cp));
    classAttr.addAnnotation(info);
    const greet = c.getDeclaredMethod('greet');
    const attr = new AnnotationsAttribute(cp, AnnotationsAttribute.visibleTag);
    const full = new Annotation('an.Info', cp);
    full.addMemberValue('level', new IntegerMemberValue(cp, 3));
    full.addMemberValue('big', new LongMemberValue(1234567890123n, cp));
    full.addMemberValue('on', new BooleanMemberValue(true, cp));
    full.addMemberValue('c', new CharMemberValue('z', cp));
    full.addMemberValue('ratio', new DoubleMemberValue(0.5, cp));
    full.addMemberValue('type', new ClassMemberValue('java.lang.String', cp));
    const unit = new EnumMemberValue(cp);
    unit.setType('java.util.concurrent.TimeUnit');
    unit.setValue('DAYS');
    full.addMemberValue('unit', unit);
    const tags = new ArrayMemberValue(cp);
    tags.setValue([new StringMemberValue('a', cp), new StringMemberValue('b', cp)]);
    full.addMemberValue('tags', tags);
    const tag = new Annotation('an.Tag', cp);
    tag.addMemberValue('value', new StringMemberValue('nested', cp));
    full.addMemberValue('inner', new AnnotationMemberValue(tag, cp));
    attr.addAnnotation(full);
    greet.getMethodInfo().addAttribute(attr);
    const fieldAttr = new AnnotationsAttribute(cp, AnnotationsAttribute.visibleTag);
    const fieldTag = new Annotation('an.Tag', cp);
    fieldTag.addMemberValue('value', new StringMemberValue('field', cp));
    fieldAttr.addAnnotation(fieldTag);
    c.getDeclaredField('count').getFieldInfo().addAttribute(fieldAttr);
    const names: string[] = [];
    for (const m of [greet, c.getDeclaredMethod('twice')]) {
      const code = m.getMethodInfo().getCodeAttribute()!;
      const locals = code.getAttribute(LocalVariableAttribute.tag) as LocalVariableAttribute;
      const first = Modifier.isStatic(m.getModifiers()) ? 0 : 1;
      for (let i = 0; i < m.getParameterTypes().length; i++) names.push(locals.variableName(i + first));
    }
    const ours = [names.join(' '), String((greet.getMethodInfo().getAttribute(AnnotationsAttribute.visibleTag) as AnnotationsAttribute).getAnnotation('an.Info')!.getMemberNames()!.size)];
    expect(ours).toEqual(['who times value', '9']);
    // The views are live: the class reports the new annotations before it is written.
    expect(c.hasAnnotation('an.Info')).toBe(true);
    expect(greet.hasAnnotation('an.Info')).toBe(true);
    const run = await runJava({ classpath: [new Map([['an/Target', c.toBytecode()]]), program.dir], mainClass: 'an.Main', verify: true });
    expect(run.stderr).toBe('');
    const reflected = run.stdout;
    expect(reflected.split('\n')).toEqual([
      '[an.Tag[value=kept], an.Info[big=0, c=x, inner=[an.Tag[value=none]], level=0, name=target, on=false, ratio=0.0, tags=[], type=class java.lang.Object, unit=SECONDS]]',
      '[an.Info[big=1234567890123, c=z, inner=[an.Tag[value=nested]], level=3, name=?, on=true, ratio=0.5, tags=[a, b], type=class java.lang.String, unit=DAYS]]',
      '[an.Tag[value=field]]',
      '[]',
      '',
    ]);

    if (!existsSync(JAVASSIST_JAR)) return; // The oracle half needs Debian's libjavassist-java.
    const harness = await compileJava({ 'Edits.java': JAVASSIST_EDITS }, { classpath: JAVASSIST_JAR });
    const out = (await compileJava({ 'Out.java': 'public class Out {}' })).dir;
    const edits = await runJava({ classpath: [harness.dir, JAVASSIST_JAR], mainClass: 'Edits', args: [program.dir, out] });
    expect(edits.stderr).toBe('');
    expect(edits.stdout.trimEnd().split('\n')).toEqual(ours);
    const theirs = await runJava({ classpath: [out, program.dir], mainClass: 'an.Main', verify: true });
    expect(theirs.stderr).toBe('');
    expect(reflected).toBe(theirs.stdout);
  });
});
