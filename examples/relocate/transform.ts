// Package relocation, as Maven Shade's and Gradle Shadow's `relocate`: every class of one package (and
// its subpackages) moves to another, and every reference to it follows — class names, descriptors and
// generic signatures, annotations, handles and bootstrap arguments of invokedynamic (lambdas, method
// references), InnerClasses and NestMembers — through ASM's ClassRemapper. A moved class's file or jar
// entry moves with it. Class names spelled in string constants (`Class.forName("com.acme.lib.X")`,
// dotted or with slashes) are rewritten too when `strings` is on, as Shade's `rawString` relocations do.
//
//   classforge transform app.jar -o shaded.jar -t examples/relocate/transform.ts \
//     --options '{"from": "com.google.common", "to": "com.acme.shaded.guava"}'

import { ClassRemapper, Remapper, defineTransform } from 'classforge';

interface RelocateOptions {
  /** The package to move, dotted (`com.google.common`): its classes and those of its subpackages. */
  from: string;
  /** Where it goes, dotted (`com.acme.shaded.guava`). */
  to: string;
  /** Also rewrite string constants that spell a class of `from` (dotted or internal form). */
  strings: boolean;
}

/** Maps the internal names under `from` to the same names under `to`. */
class PackageRemapper extends Remapper {
  private readonly from: string;
  private readonly to: string;

  constructor(options: RelocateOptions) {
    super();
    this.from = options.from.replaceAll('.', '/');
    this.to = options.to.replaceAll('.', '/');
    this.strings = options.strings;
  }

  private readonly strings: boolean;

  override map(internalName: string): string {
    return internalName.startsWith(this.from + '/') ? this.to + internalName.slice(this.from.length) : internalName;
  }

  override mapValue<T>(value: T): T {
    if (typeof value !== 'string' || !this.strings) return super.mapValue(value);
    // A class name in either spelling: the dotted one is mapped through the internal form.
    if (value.startsWith(this.from + '/')) return this.map(value) as T;
    const dottedFrom = this.from.replaceAll('/', '.') + '.';
    if (value.startsWith(dottedFrom)) return this.map(value.replaceAll('.', '/')).replaceAll('/', '.') as T;
    return value;
  }
}

export default defineTransform<RelocateOptions>({
  name: 'relocate',
  options: {
    type: 'object',
    properties: {
      from: { type: 'string', pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$' },
      to: { type: 'string', pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$' },
      strings: { type: 'boolean', default: false },
    },
    required: ['from', 'to'],
    additionalProperties: false,
  },
  visitor: (next, ctx) => new ClassRemapper(next, new PackageRemapper(ctx.options)),
});
