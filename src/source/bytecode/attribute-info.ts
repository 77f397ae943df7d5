// # Javassist's AttributeInfo: what the attribute views share (JVMS §4.7)

/** The attributes of the views: each knows its name (Javassist's AttributeInfo.getName). */
export abstract class AttributeInfo {
  protected constructor(private readonly attributeName: string) {}

  getName(): string {
    return this.attributeName;
  }
}

/** An attribute no view is offered for (getAttributes): its name and info bytes, as Javassist's plain AttributeInfo. */
export class RawAttributeInfo extends AttributeInfo {
  constructor(
    name: string,
    private readonly info: Uint8Array,
  ) {
    super(name);
  }

  /** The info bytes, a copy. */
  get(): Uint8Array {
    return new Uint8Array(this.info);
  }

  /** The attribute's size in the class file: its info bytes and the 6-byte header. */
  length(): number {
    return this.info.length + 6;
  }
}
