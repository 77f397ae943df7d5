// A transform whose include is a simple class name (`Main`, as a Java user writes it) selects nothing —
// globs match the whole dotted name — and the warning says to write `**.Main`.
import { describe, expect, it } from 'vitest';
import { defineTransform } from '../src/transform/define-transform.js';
import { noSelectionWarning } from '../src/transform/selection-warnings.js';

const classes = ['com.acme.Main', 'com.acme.OrderService', 'com.acme.Outer$Inner'];
const warning = (include: string[]) => noSelectionWarning(defineTransform({ name: 't', include, tree: () => {} }), classes);

describe('the no-selection warning for a simple class name', () => {
  it("hints '**.<name>' when a class of that simple name exists", () => {
    expect(warning(['Main'])).toBe("transform 't' selected no class of the input (include: Main); for a class of any package write '**.Main'");
    expect(warning(['*Service', 'Outer$Inner'])).toBe(
      "transform 't' selected no class of the input (include: *Service, Outer$Inner); for a class of any package write '**.*Service', '**.Outer$Inner'",
    );
  });

  it('says no more when no class has that simple name, and nothing when the glob selects', () => {
    expect(warning(['Other'])).toBe("transform 't' selected no class of the input (include: Other)");
    expect(warning(['**.Main'])).toBeNull();
  });
});
