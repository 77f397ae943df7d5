// Class-name globs (`classforge print --class`, transform include/exclude): `*` within a package
// segment, `**` across segments, `?` one character, dotted or internal names.

import { describe, expect, it } from 'vitest';
import { ClassNameGlob, classNameGlobToRegExp, createClassNameFilter } from '../src/util/class-name-glob.js';

describe('class-name globs', () => {
  it.each([
    ['java.util.*', 'java.util.List', true],
    ['java.util.*', 'java.util.concurrent.Future', false],
    ['java.util.*', 'java.util.Map$Entry', true],
    ['com.acme.**', 'com.acme.Foo', true],
    ['com.acme.**', 'com.acme.deep.er.Foo', true],
    ['com.acme.**', 'com.acmeX.Foo', false],
    ['**.Foo', 'Foo', true],
    ['**.Foo', 'a.b.Foo', true],
    ['com.**.Foo', 'com.Foo', true],
    ['com.**.Foo', 'com.x.y.Foo', true],
    ['*Test', 'FooTest', true],
    ['*Test', 'pkg.FooTest', false],
    ['pkg.Foo?', 'pkg.Foo1', true],
    ['pkg.Foo', 'pkg/Foo', true],
    ['a.b$c', 'a.b$c', true],
    ['a.b+c(d)', 'a.b+c(d)', true],
    ['**', 'any.thing.At.All', true],
    ['*', 'Top', true],
    ['*', 'pkg.Top', false],
  ])('%s matches %s: %s', (glob, name, expected) => {
    expect(new ClassNameGlob(glob).matches(name)).toBe(expected);
  });

  it('compiles to an anchored regular expression', () => {
    expect(classNameGlobToRegExp('com.acme.*').source).toBe('^com\\.acme\\.[^.]*$');
  });

  it('combines include and exclude lists', () => {
    const accepts = createClassNameFilter(['com.acme.**'], ['com.acme.gen.*']);
    expect(accepts('com.acme.Foo')).toBe(true);
    expect(accepts('com.acme.gen.Foo')).toBe(false);
    expect(accepts('org.Foo')).toBe(false);
    expect(createClassNameFilter([], [])('anything.At.All')).toBe(true);
  });
});
