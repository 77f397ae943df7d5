// # Javassist's AttributeInfo: what the attribute views share (JVMS §4.7)

/** The attributes of the views: each knows its name (Javassist's AttributeInfo.getName). */
export abstract class AttributeInfo {
  protected constructor(private readonly attributeName: string) {}

  getName(): string {
    return this.attributeName;
  }
}
