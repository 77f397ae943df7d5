// classforge/source's compiler against javac on method bodies that lean on generic method inference, as
// ported code has them: streams with collectors (groupingBy, toMap, partitioningBy, mapping, reducing),
// Optional chains, Comparator.comparing(…).thenComparing(…), Map.computeIfAbsent/merge/compute with
// lambdas, method references whose parameter types only the call's target tells, and generic methods
// with bounded wildcards. Each body is compiled by javac into one build of a class, and through
// CtMethod.setBody (the packages imported into the pool, as with Javassist's importPackage) into a
// javac-compiled class of stubs; both programs run under -Xverify:all and must print the same.
import { describe, expect, it } from 'vitest';
import { ClassPool } from '../src/source/index.js';
import { compileJava, runJava } from '../src/testing/index.js';

const SUPPORT = `package d;
import java.util.*;
import java.util.function.*;
public class Support {
  public static class Person {
    public final String name; public final int age; public final String city;
    public Person(String name, int age, String city) { this.name = name; this.age = age; this.city = city; }
    public String getName() { return name; } public int getAge() { return age; } public String getCity() { return city; }
    public Optional<String> nickname() { return name.length() > 3 ? Optional.of(name.substring(0, 3)) : Optional.empty(); }
    public String toString() { return name + "(" + age + ")"; }
  }
  public static List<Person> people() { return Arrays.asList(new Person("Alice", 31, "Oslo"), new Person("Bob", 25, "Rome"), new Person("Carol", 31, "Oslo"), new Person("Dan", 19, "Lima"), new Person("Eve", 25, "Rome")); }
  public static <T extends Comparable<? super T>> T maxOf(Collection<? extends T> items) { T best = null; for (T t : items) if (best == null || t.compareTo(best) > 0) best = t; return best; }
  public static <T> void copy(List<? super T> dst, List<? extends T> src) { dst.addAll(src); }
  public static <K, V extends Comparable<? super V>> K argMax(Map<K, V> map) { K best = null; V bv = null; for (Map.Entry<K, V> e : map.entrySet()) if (bv == null || e.getValue().compareTo(bv) > 0) { best = e.getKey(); bv = e.getValue(); } return best; }
  public static <T, R> List<R> mapAll(List<T> in, Function<? super T, ? extends R> f) { List<R> out = new ArrayList<>(); for (T t : in) out.add(f.apply(t)); return out; }
  public static <T, U> U fold(List<T> in, Function<? super T, ? extends U> f, BinaryOperator<U> op) { U acc = null; for (T t : in) acc = acc == null ? f.apply(t) : op.apply(acc, f.apply(t)); return acc; }
  public static String kind(Object o) { return "obj"; }
  public static String kind(String s) { return "str"; }
  public static String take(java.util.concurrent.Callable<?> c) { return "callable"; }
  public static String take(Runnable r) { return "runnable"; }
  public static <T extends Comparable<? super T>> List<T> sortedCopy(Collection<? extends T> in) { List<T> l = new ArrayList<>(in); Collections.sort(l); return l; }
  public static <T> T firstOr(List<? extends T> l, Supplier<? extends T> d) { return l.isEmpty() ? d.get() : l.get(0); }
  public static <K, V> Map<V, List<K>> invert(Map<K, V> m) { Map<V, List<K>> r = new TreeMap<>(); m.forEach((k, v) -> r.computeIfAbsent(v, x -> new ArrayList<>()).add(k)); return r; }
  public static final class Box<T> {
    private final T value; public Box(T value) { this.value = value; }
    public static <T> Box<T> of(T v) { return new Box<>(v); }
    public <R> Box<R> map(Function<? super T, ? extends R> f) { return new Box<>(f.apply(value)); }
    public <R> Box<R> flatMap(Function<? super T, Box<R>> f) { return f.apply(value); }
    public T get() { return value; }
    public <U, R> Box<R> zip(Box<U> other, BiFunction<? super T, ? super U, ? extends R> f) { return new Box<>(f.apply(value, other.value)); }
    public String toString() { return "Box(" + value + ")"; }
  }
  public static final class Pair<A, B> {
    public final A a; public final B b; public Pair(A a, B b) { this.a = a; this.b = b; }
    public static <A, B> Pair<A, B> of(A a, B b) { return new Pair<>(a, b); }
    public <C> Pair<A, C> withB(Function<? super B, ? extends C> f) { return new Pair<>(a, f.apply(b)); }
    public String toString() { return "(" + a + "," + b + ")"; }
  }
  public static <T> Predicate<T> not(Predicate<? super T> p) { return t -> !p.test(t); }
  public static <A, B, C> Function<A, C> compose(Function<? super A, ? extends B> f, Function<? super B, ? extends C> g) { return a -> g.apply(f.apply(a)); }
}
`;

/** Each the body of a `static String` method. */
const BODIES: readonly string[] = [
  // groupingBy counting
  `Map<String, Long> byCity = Support.people().stream().collect(Collectors.groupingBy(p -> p.city, TreeMap::new, Collectors.counting()));
return byCity.toString();`,
  // groupingBy mapping joining
  `Map<Integer, String> m = Support.people().stream().collect(Collectors.groupingBy(Support.Person::getAge, TreeMap::new, Collectors.mapping(Support.Person::getName, Collectors.joining(","))));
return m.toString();`,
  // sorted comparing thenComparing reversed
  `List<Support.Person> ps = new ArrayList<>(Support.people());
ps.sort(Comparator.comparing(Support.Person::getAge).thenComparing(Support.Person::getName, Comparator.reverseOrder()));
return ps.toString();`,
  // comparing with lambda then thenComparing lambda
  `return Support.people().stream().sorted(Comparator.comparing((Support.Person p) -> p.city).thenComparing(p -> p.name)).map(p -> p.name).collect(Collectors.toList()).toString();`,
  // comparingInt reversed
  `return Support.people().stream().sorted(Comparator.comparingInt(Support.Person::getAge).reversed()).map(Object::toString).collect(Collectors.joining("|"));`,
  // optional chain
  `Optional<Support.Person> first = Support.people().stream().filter(p -> p.age > 30).findFirst();
return first.map(p -> p.name).map(String::toUpperCase).filter(s -> s.startsWith("A")).orElse("none");`,
  // optional flatMap
  `return Support.people().stream().map(Support.Person::nickname).filter(Optional::isPresent).map(Optional::get).collect(Collectors.joining("+"));`,
  // optional flatMap 2
  `Optional<Support.Person> p = Optional.of(Support.people().get(0));
return p.flatMap(Support.Person::nickname).map(n -> n + "!").orElseGet(() -> "?");`,
  // computeIfAbsent
  `Map<String, List<String>> idx = new TreeMap<>();
for (Support.Person p : Support.people()) idx.computeIfAbsent(p.city, k -> new ArrayList<>()).add(p.name);
return idx.toString();`,
  // merge
  `Map<String, Integer> counts = new TreeMap<>();
for (String w : "a b a c b a".split(" ")) counts.merge(w, 1, Integer::sum);
return counts.toString();`,
  // compute
  `Map<String, Integer> counts = new HashMap<>();
for (String w : "x y x".split(" ")) counts.compute(w, (k, v) -> v == null ? 1 : v + 1);
return new TreeMap<>(counts).toString();`,
  // partitioningBy
  `Map<Boolean, List<String>> parts = Support.people().stream().collect(Collectors.partitioningBy(p -> p.age >= 25, Collectors.mapping(p -> p.name, Collectors.toList())));
return parts.toString();`,
  // maxBy comparing
  `return Support.people().stream().collect(Collectors.maxBy(Comparator.comparing(p -> p.name))).get().name;`,
  // bounded wildcard maxOf
  `List<Integer> xs = Arrays.asList(3, 9, 2);
Integer m = Support.maxOf(xs);
return "max " + m;`,
  // copy with wildcards
  `List<Number> dst = new ArrayList<>();
Support.copy(dst, Arrays.asList(1, 2, 3));
Support.<Number>copy(dst, Arrays.asList(1.5));
return dst.toString();`,
  // argMax
  `Map<String, Integer> m = new HashMap<>();
m.put("a", 3); m.put("b", 7); m.put("c", 5);
String k = Support.argMax(m);
return k;`,
  // mapAll lambda
  `List<Integer> lens = Support.mapAll(Arrays.asList("aa", "b", "cccc"), s -> s.length());
return lens.toString() + (lens.get(0) + 1);`,
  // compose
  `Function<String, Integer> f = Support.compose(String::trim, String::length);
return "len " + f.apply("  abc ");`,
  // not predicate
  `return Stream.of("a", "", "b").filter(Support.not(String::isEmpty)).collect(Collectors.toList()).toString();`,
  // reduce
  `int total = Support.people().stream().map(p -> p.age).reduce(0, Integer::sum);
return "total " + total;`,
  // reduce 3 arg
  `int total = Support.people().stream().reduce(0, (acc, p) -> acc + p.age, Integer::sum);
return "total " + total;`,
  // flatMap
  `return Stream.of("a b", "c d e").flatMap(s -> Arrays.stream(s.split(" "))).map(String::toUpperCase).collect(Collectors.joining());`,
  // IntStream boxed
  `return IntStream.rangeClosed(1, 5).boxed().map(i -> i * i).collect(Collectors.toList()).toString();`,
  // mapToInt sum average
  `double avg = Support.people().stream().mapToInt(Support.Person::getAge).average().orElse(0);
return "avg " + avg;`,
  // collectingAndThen
  `List<String> names = Support.people().stream().map(p -> p.name).collect(Collectors.collectingAndThen(Collectors.toList(), Collections::unmodifiableList));
return names.toString();`,
  // summarizing
  `IntSummaryStatistics st = Support.people().stream().collect(Collectors.summarizingInt(p -> p.age));
return st.getMin() + ".." + st.getMax();`,
  // teeing-like nested groupingBy
  `Map<String, Map<Integer, List<String>>> g = Support.people().stream().collect(Collectors.groupingBy(p -> p.city, TreeMap::new, Collectors.groupingBy(p -> p.age, TreeMap::new, Collectors.mapping(p -> p.name, Collectors.toList()))));
return g.toString();`,
  // entrySet stream sorted by value
  `Map<String, Integer> m = new HashMap<>();
m.put("a", 3); m.put("b", 1); m.put("c", 2);
return m.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).collect(Collectors.joining());`,
  // entry comparingByValue reversed
  `Map<String, Integer> m = new HashMap<>();
m.put("a", 3); m.put("b", 1); m.put("c", 2);
return m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));`,
  // Function andThen
  `Function<Integer, Integer> inc = x -> x + 1;
Function<Integer, String> f = inc.andThen(x -> x * 2).andThen(String::valueOf);
return f.apply(4);`,
  // BiFunction
  `BiFunction<String, Integer, String> rep = (s, n) -> String.join("", Collections.nCopies(n, s));
return rep.andThen(String::length).apply("ab", 3) + "";`,
  // Supplier generic
  `Supplier<List<String>> sup = ArrayList::new;
List<String> l = sup.get(); l.add("z");
return l.toString();`,
  // Stream.iterate limit
  `return Stream.iterate(1, x -> x * 3).limit(5).map(String::valueOf).collect(Collectors.joining(","));`,
  // ternary in lambda
  `return Support.people().stream().map(p -> p.age > 24 ? p.name : p.name.toLowerCase()).collect(Collectors.joining(" "));`,
  // removeIf replaceAll
  `List<String> l = new ArrayList<>(Arrays.asList("a", "bb", "ccc"));
l.removeIf(s -> s.length() == 2);
l.replaceAll(s -> s + s.length());
return l.toString();`,
  // forEach map
  `Map<String, Integer> m = new TreeMap<>();
m.put("x", 1); m.put("y", 2);
StringBuilder sb = new StringBuilder();
m.forEach((k, v) -> sb.append(k).append(v));
return sb.toString();`,
  // Collectors.toCollection TreeSet
  `TreeSet<String> ts = Stream.of("b", "a", "c").collect(Collectors.toCollection(TreeSet::new));
return ts.first() + ts.last();`,
  // distinct count
  `long n = Stream.of(1, 2, 2, 3).distinct().count();
return "n=" + n;`,
  // Optional ofNullable orElseThrow
  `String s = Optional.ofNullable((String) null).map(String::trim).orElse("dflt");
return s;`,
  // min with comparator
  `return Support.people().stream().min(Comparator.comparingInt(Support.Person::getAge).thenComparing(Support.Person::getName)).map(Support.Person::getName).orElse("-");`,
  // toMap 3
  `Map<String, Integer> ages = Support.people().stream().collect(Collectors.toMap(p -> p.city, p -> p.age, (a, b) -> a + b));
return new TreeMap<>(ages).toString();`,
  // toMap 3 mref
  `Map<String, Integer> ages = Support.people().stream().collect(Collectors.toMap(Support.Person::getCity, Support.Person::getAge, Integer::sum));
return new TreeMap<>(ages).toString();`,
  // reducing
  `Map<String, Integer> m = Support.people().stream().collect(Collectors.groupingBy(p -> p.city, Collectors.reducing(0, p -> p.age, Integer::sum)));
return new TreeMap<>(m).toString();`,
  // assigned BinaryOperator
  `BinaryOperator<Integer> op = Math::max;
return "" + op.apply(3, 4);`,
  // local generic stream reduce with mref
  `Optional<Integer> r = Stream.of(4, 8, 1).reduce(Math::max);
return r.get() + "";`,
  // A
  `Map<String, Integer> m = Support.people().stream().collect(Collectors.toMap(p -> p.city, p -> p.age, (a, b) -> Math.max(a, b)));
return new TreeMap<>(m).toString();`,
  // B
  `Map<String, Integer> m = Support.people().stream().collect(Collectors.toMap(p -> p.city, p -> p.age, Integer::sum));
return new TreeMap<>(m).toString();`,
  // C
  `Map<String, Integer> m = Support.people().stream().collect(Collectors.toMap(Support.Person::getCity, Support.Person::getAge, (a, b) -> a + b));
return new TreeMap<>(m).toString();`,
  // F
  `Function<Support.Person, Integer> age = Support.Person::getAge;
Map<String, Integer> m = Support.people().stream().collect(Collectors.toMap(Support.Person::getCity, age, Integer::sum));
return new TreeMap<>(m).toString();`,
  // toMap with Math::max merge and TreeMap::new: U from the value mapper before the merge function is typed
  `Map<String, Integer> ages = Support.people().stream().collect(Collectors.toMap(Support.Person::getCity, Support.Person::getAge, Math::max, TreeMap::new));
return ages.toString();`,
  // toMap, a merge lambda calling Math.max: U from the value lambda
  `Map<String, Integer> ages = Support.people().stream().collect(Collectors.toMap(p -> p.city, p -> p.age, (a, b) -> Math.max(a, b), TreeMap::new));
return ages.toString();`,
  // toMap with TreeMap::new, a merge lambda adding: U from the value lambda
  `Map<String, Integer> m = Support.people().stream().collect(Collectors.toMap(p -> p.city, p -> p.age, (a, b) -> a + b, TreeMap::new));
return m.toString();`,
  // toMap collected into an Object (no target to tell U): U from the value lambda
  `Object m = Support.people().stream().collect(Collectors.toMap(p -> p.city, p -> p.age, (a, b) -> a + b));
return new TreeMap<>((Map<String, Integer>) m).toString();`,
  // A generic method of the user's: U from the first lambda types the second's parameters
  `return "sum " + Support.fold(Arrays.asList("a", "bb", "ccc"), s -> s.length(), (a, b) -> a + b);`,
  // A lambda's parameter typed by the target of the call it is passed in, though it compiles without it
  // (as an Object): the overload its body calls is the one for that type, as javac chooses it.
  // overload in mapping lambda
  `return Stream.of("ab").collect(Collectors.groupingBy(s -> s.length(), TreeMap::new, Collectors.mapping(s -> Support.kind(s), Collectors.joining()))).toString();`,
  // overload in sort comparator
  `List<String> l = new ArrayList<>(Arrays.asList("b", "a"));
l.sort(Comparator.comparing(s -> Support.kind(s)));
return l.toString();`,
  // overload in maxBy
  `return Stream.of("ab").collect(Collectors.maxBy(Comparator.comparing(s -> Support.kind(s)))).get();`,
  // overload in map
  `return Stream.of("ab").map(s -> Support.kind(s)).collect(Collectors.joining());`,
  // overload in collect toMap
  `return Stream.of("ab").collect(Collectors.toMap(s -> Support.kind(s), s -> s)).toString();`,
  // overload in ap
  `return Support.mapAll(Arrays.asList("x"), s -> Support.kind(s)).toString();`,
  // overload in Optional
  `return Optional.of("x").map(s -> Support.kind(s)).get();`,
  // overload in reducing
  `return Stream.of("ab").collect(Collectors.reducing("", s -> Support.kind(s), String::concat));`,
  // Lambdas typed by their targets in other places (assignments, diamonds, wildcards, conditionals, nested flatMaps).
  // assigned comparator
  `Comparator<String> c = Comparator.comparing(s -> Support.kind(s));
List<String> l = new ArrayList<>(Arrays.asList("b", "a")); l.sort(c);
return l.toString() + Support.kind(l.get(0));`,
  // explicit type args
  `return Support.<String, String>mapAll(Arrays.asList("x"), s -> Support.kind(s)).toString();`,
  // diamond TreeSet comparator
  `TreeSet<String> t = new TreeSet<>(Comparator.comparing(s -> Support.kind(s) + s));
t.add("b"); t.add("a");
return t.toString();`,
  // wildcard function target
  `Function<? super String, ?> f = s -> Support.kind(s);
return "" + f.apply("x");`,
  // removeIf
  `List<String> l = new ArrayList<>(Arrays.asList("a", "b"));
l.removeIf(s -> Support.kind(s).equals("str") && s.equals("a"));
return l.toString();`,
  // conditional lambdas
  `boolean flag = true;
Function<String, String> f = flag ? s -> Support.kind(s) : s -> "no";
return f.apply("z");`,
  // flatMap optional
  `return Optional.of("x").flatMap(s -> Optional.of(Support.kind(s))).get();`,
  // flatMap stream nested map
  `return Stream.of("x").flatMap(s -> Stream.of(s).map(t -> Support.kind(t))).collect(Collectors.joining());`,
  // computeIfAbsent key
  `Map<String, List<String>> m = new TreeMap<>();
m.computeIfAbsent("k", k -> new ArrayList<>()).add("v");
m.computeIfAbsent("q", k -> new ArrayList<>(List.of(Support.kind(k))));
return m.toString();`,
  // forEach bi
  `Map<String, Integer> m = new TreeMap<>(Map.of("a", 1));
StringBuilder sb = new StringBuilder();
m.forEach((k, v) -> sb.append(Support.kind(k)).append(Support.kind(v)));
return sb.toString();`,
  // entrySet map getKey
  `return new TreeMap<>(Map.of("a", 1)).entrySet().stream().map(e -> Support.kind(e.getKey()) + Support.kind(e.getValue())).collect(Collectors.joining());`,
  // CompletableFuture thenApply
  `return java.util.concurrent.CompletableFuture.supplyAsync(() -> "x").thenApply(s -> Support.kind(s)).join();`,
  // reduce identity
  `return Stream.of("a").reduce("", (a, b) -> Support.kind(a) + Support.kind(b));`,
  // forEach list
  `StringBuilder sb = new StringBuilder();
Arrays.asList("a").forEach(s -> sb.append(Support.kind(s)));
return sb.toString();`,
  // collectingAndThen toMap lambda
  `Map<String, String> m = Stream.of("a").collect(Collectors.collectingAndThen(Collectors.toMap(s -> s, s -> Support.kind(s)), TreeMap::new));
return m.toString();`,
  // groupingBy classifier with overload
  `return new TreeMap<>(Stream.of("a").collect(Collectors.groupingBy(s -> Support.kind(s)))).toString();`,
  // partitioningBy downstream mapping
  `return Stream.of("a").collect(Collectors.partitioningBy(s -> true, Collectors.mapping(s -> Support.kind(s), Collectors.toList()))).toString();`,
  // Collectors.toMap via var
  `var m = Stream.of("a").collect(Collectors.toMap(s -> Support.kind(s), s -> Support.kind(s)));
return m.toString();`,
  // sorted with comparing in stream of generic method result
  `return Support.mapAll(Arrays.asList("b", "a"), s -> s + "!").stream().sorted(Comparator.comparing(s -> Support.kind(s) + s)).collect(Collectors.joining());`,
  // thenComparing with lambda typed by receiver
  `Comparator<String> c = Comparator.comparing(String::length);
c = c.thenComparing(s -> Support.kind(s));
return "" + c.compare("a", "b");`,
  // max with comparing lambda
  `return Stream.of("a", "bb").max(Comparator.comparing(s -> Support.kind(s) + s.length())).get();`,
  // Optional map orElseGet with supplier overload
  `return Optional.of("x").map(s -> Support.kind(s)).orElseGet(() -> Support.kind("y"));`,
  // mapping in collect into var then get
  `var g = Stream.of("a", "bb").collect(Collectors.groupingBy(String::length, Collectors.mapping(s -> Support.kind(s), Collectors.toList())));
return new TreeMap<>(g).toString();`,
  // summingInt downstream with overload
  `return new TreeMap<>(Stream.of("a").collect(Collectors.groupingBy(s -> s, Collectors.summingInt(s -> Support.kind(s).length())))).toString();`,
  // Overloads taking functional interfaces, bounded wildcards, and explicitly typed lambdas pertinent to applicability.
  // callable vs runnable value
  `return Support.take(() -> 1);`,
  // callable vs runnable void
  `StringBuilder sb = new StringBuilder();
return Support.take(() -> sb.append("x")) + Support.take(() -> System.out.print(""));`,
  // callable block
  `return Support.take(() -> { return "v"; }) + Support.take(() -> { });`,
  // sortedCopy wildcard
  `List<Integer> l = Support.sortedCopy(Arrays.asList(3, 1, 2));
return l.toString() + (l.get(0) + 1);`,
  // sortedCopy set
  `return Support.sortedCopy(new HashSet<>(Arrays.asList("b", "a"))).get(0).toUpperCase();`,
  // firstOr supplier
  `List<String> e = new ArrayList<>();
String s = Support.firstOr(e, () -> "dflt");
return s.length() + s;`,
  // firstOr Number: T a lub of Integer (the list) and Double (the explicitly typed lambda's body)
  `Number n = Support.firstOr(Arrays.asList(1, 2), () -> 2.5);
return n + "";`,
  // invert
  `Map<String, Integer> m = new TreeMap<>(); m.put("a", 1); m.put("b", 1); m.put("c", 2);
Map<Integer, List<String>> inv = Support.invert(m);
return inv.toString() + inv.get(1).get(0).length();`,
  // invert chained
  `return Support.invert(Support.invert(new TreeMap<>(Map.of("a", 1)))).toString();`,
  // mapToInt vs map
  `return "" + Stream.of("a", "bb").mapToInt(String::length).max().getAsInt();`,
  // Comparator.comparingDouble
  `return Stream.of(2.5, 1.5).sorted(Comparator.comparingDouble(d -> -d)).map(String::valueOf).collect(Collectors.joining(","));`,
  // Collectors.joining with map of int
  `return IntStream.of(3, 4).boxed().map(i -> Support.kind(i)).collect(Collectors.joining());`,
  // Stream.of array varargs generic
  `String[] arr = {"x", "y"};
return Stream.of(arr).map(s -> Support.kind(s)).collect(Collectors.joining());`,
  // Arrays.asList of arrays
  `List<int[]> l = Arrays.asList(new int[]{1}, new int[]{2, 3});
return "" + l.stream().mapToInt(a -> a.length).sum();`,
  // Generic classes of the user's (a Box with map/flatMap/zip, a Pair) in chains and collectors.
  // box map chain
  `return Support.Box.of("ab").map(s -> s.length()).map(n -> n * 2).map(n -> Support.kind(n)).get();`,
  // box map overload string
  `return Support.Box.of("ab").map(s -> s + "!").map(s -> Support.kind(s)).get();`,
  // box flatMap
  `return Support.Box.of(3).flatMap(n -> Support.Box.of("n" + n)).map(s -> s.length()).get() + "";`,
  // box zip
  `return Support.Box.of(2).zip(Support.Box.of("x"), (n, s) -> s.repeat(n)).map(s -> Support.kind(s) + s).get();`,
  // pair withB
  `Support.Pair<String, Integer> p = Support.Pair.of("k", 1);
Support.Pair<String, String> q = p.withB(v -> "v" + (v + 1));
return q.toString() + q.b.length();`,
  // list of pairs sorted by b
  `List<Support.Pair<String, Integer>> ps = new ArrayList<>(List.of(Support.Pair.of("a", 3), Support.Pair.of("b", 1)));
ps.sort(Comparator.comparing(p -> p.b));
return ps.toString();`,
  // pairs grouping by a
  `List<Support.Pair<String, Integer>> ps = List.of(Support.Pair.of("a", 3), Support.Pair.of("b", 1), Support.Pair.of("a", 2));
return new TreeMap<>(ps.stream().collect(Collectors.groupingBy(p -> p.a, Collectors.summingInt(p -> p.b)))).toString();`,
  // wildcard receiver stream
  `List<? extends Number> l = List.of(1, 2.5);
return l.stream().map(n -> n.intValue()).map(i -> Support.kind(i) + i).collect(Collectors.joining(","));`,
  // wildcard map values
  `Map<String, ? extends List<String>> m = Map.of("k", List.of("a", "b"));
return "" + m.get("k").stream().map(s -> s.toUpperCase()).collect(Collectors.toList());`,
  // box of list
  `Support.Box<List<String>> b = Support.Box.of(new ArrayList<>(List.of("z")));
return b.map(l -> l.get(0)).map(s -> s + Support.kind(s)).get();`,
  // box with diamond arg
  `Support.Box<Map<String, Integer>> b = new Support.Box<>(new TreeMap<>());
b.get().put("a", 1);
return b.map(m -> m.keySet()).get().toString();`,
  // pair of boxes
  `Support.Pair<Support.Box<Integer>, String> p = Support.Pair.of(Support.Box.of(4), "s");
return "" + p.a.map(i -> i + 1).get() + p.b;`,
  // generic static with pairs map
  `return Stream.of("a", "bb").map(s -> Support.Pair.of(s, s.length())).filter(p -> p.b > 1).map(p -> p.a).findFirst().orElse("-");`,
  // pairs toMap
  `Map<String, Integer> m = Stream.of("a", "bb").map(s -> Support.Pair.of(s, s.length())).collect(Collectors.toMap(p -> p.a, p -> p.b));
return new TreeMap<>(m).toString();`,
  // nested box map returning box
  `Support.Box<Support.Box<String>> bb = Support.Box.of(1).map(i -> Support.Box.of("in" + i));
return bb.get().map(s -> Support.kind(s)).get();`,
  // Pair.of with lambdas inside collect reduce
  `Support.Pair<Integer, Integer> sum = Stream.of(1, 2, 3).map(i -> Support.Pair.of(i, i * i)).reduce(Support.Pair.of(0, 0), (x, y) -> Support.Pair.of(x.a + y.a, x.b + y.b));
return sum.toString();`,
  // Conditionals of generic calls whose lambdas need the target, nested: each operand is a poly expression of the target.
  // cond 1
  `boolean flag = true;
List<String> l = new ArrayList<>(List.of("bb", "a"));
l.sort(flag ? Comparator.comparing(s -> s.length()) : Comparator.comparing(s -> -s.length()));
return l.toString();`,
  // cond nested paren
  `boolean flag = false;
List<String> l = new ArrayList<>(List.of("bb", "a", "ccc"));
l.sort(flag ? Comparator.comparing(s -> s.length()) : (flag ? Comparator.comparing(s -> -s.length()) : Comparator.comparing(s -> s.charAt(0))));
return l.toString();`,
  // cond nested no paren
  `boolean flag = false;
List<String> l = new ArrayList<>(List.of("bb", "a", "ccc"));
l.sort(flag ? Comparator.comparing(s -> s.length()) : flag ? Comparator.comparing(s -> -s.length()) : Comparator.comparing(s -> s.charAt(0)));
return l.toString();`,
  // cond assigned nested
  `boolean flag = false;
Comparator<String> c = flag ? Comparator.comparing(s -> s.length()) : flag ? Comparator.comparing(s -> -s.length()) : Comparator.comparing(s -> s.charAt(0));
List<String> l = new ArrayList<>(List.of("bb", "a", "ccc")); l.sort(c);
return l.toString();`,
  // cond return-like in ap
  `boolean flag = true;
return Support.mapAll(List.of("x"), flag ? s -> s + "1" : s -> s + "2").toString();`,
  // Lambdas returning generic calls, casts, switch expressions passed as arguments (a poly expression, JLS §15.28.1).
  // supplier returning collect
  `Supplier<List<String>> s = () -> Stream.of("a").map(x -> Support.kind(x)).collect(Collectors.toList());
return s.get().toString();`,
  // supplier returning comparator
  `Supplier<Comparator<String>> s = () -> Comparator.comparing(x -> Support.kind(x) + x);
List<String> l = new ArrayList<>(List.of("b", "a")); l.sort(s.get());
return l.toString();`,
  // block lambda return generic call
  `Function<List<String>, Map<Integer, List<String>>> f = l -> { return l.stream().collect(Collectors.groupingBy(x -> x.length())); };
return f.apply(List.of("a", "bb")).toString();`,
  // switch expression as argument
  `int k = 1;
List<String> l = new ArrayList<>(List.of("bb", "a"));
l.sort(switch (k) { case 1 -> Comparator.comparing(s -> s.length()); default -> Comparator.naturalOrder(); });
return l.toString();`,
  // generic method result used as receiver of lambda call
  `return Support.mapAll(List.of("a", "b"), s -> s + "!").stream().map(s -> Support.kind(s)).collect(Collectors.joining());`,
  // cast lambda
  `Object o = (Function<String, String>) s -> Support.kind(s);
return ((Function<String, String>) o).apply("z");`,
  // intersection cast lambda
  `Runnable r = (Runnable & java.io.Serializable) () -> {};
r.run();
return "ran";`,
  // lambda in array initializer
  `Function<String, String>[] fs = new Function[] { (Function<String, String>) s -> s + "1" };
return fs[0].apply("x");`,
  // generic method in string concat
  `return "r=" + Support.mapAll(List.of(1, 2), i -> i * 3) + Optional.of(5).map(i -> i + 1).get();`,
  // ternary generic results
  `boolean f = true;
List<String> l = f ? Support.mapAll(List.of(1), i -> "n" + i) : Collections.emptyList();
return l.get(0).toUpperCase();`,
  // instanceof pattern in lambda
  `return Stream.of((Object) "s", 1).map(o -> o instanceof String str ? str.toUpperCase() : "#" + o).collect(Collectors.joining());`,
  // enhanced for over generic result with lambda
  `StringBuilder sb = new StringBuilder();
for (String s : Support.mapAll(List.of(1, 22), i -> "v" + i)) sb.append(s.length());
return sb.toString();`,
  // More collectors and comparators (reducing, comparingByValue(cmp), averagingInt, mapMulti, toList).
  // reducing identity mref
  `return "" + Stream.of(1, 2).collect(Collectors.reducing(0, Integer::sum));`,
  // comparingByValue with comparator
  `Map<String, Integer> m = new HashMap<>(Map.of("a", 1, "b", 2));
return m.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder())).map(Map.Entry::getKey).collect(Collectors.joining());`,
  // comparing with key comparator
  `List<Support.Person> l = new ArrayList<>(Support.people());
l.sort(Comparator.comparing(Support.Person::getName, String.CASE_INSENSITIVE_ORDER.reversed()));
return l.toString();`,
  // averagingInt downstream
  `return new TreeMap<>(Support.people().stream().collect(Collectors.groupingBy(p -> p.city, Collectors.averagingInt(p -> p.age)))).toString();`,
  // toList JDK16
  `List<String> l = Stream.of("b", "a").sorted().toList();
return l.get(0) + l.size();`,
  // mapMulti explicit
  `return Stream.of("a", "b").<String>mapMulti((s, sink) -> { sink.accept(s); sink.accept(s.toUpperCase()); }).collect(Collectors.joining());`,
  // mapMulti implicit
  `List<Object> l = Stream.of(1, 2).mapMulti((i, sink) -> sink.accept(i * 10)).toList();
return l.toString();`,
  // Collectors.toMap identity merge
  `return new TreeMap<>(Stream.of("a", "a", "b").collect(Collectors.toMap(Function.identity(), s -> 1, Integer::sum))).toString();`,
  // counting with filter then map
  `return "" + Support.people().stream().filter(p -> p.city.equals("Oslo")).map(p -> p.name.length()).reduce(0, Integer::sum);`,
  // flatMap to IntStream
  `return "" + Stream.of("ab", "c").flatMapToInt(String::chars).sum();`,
  // Collectors.joining of mapped optional
  `return Support.people().stream().map(Support.Person::nickname).map(o -> o.orElse("?")).collect(Collectors.joining(","));`,
  // stream sorted with thenComparing reversed comparator param
  `return Support.people().stream().sorted(Comparator.comparing(Support.Person::getCity).thenComparing(Support.Person::getAge, Comparator.reverseOrder())).map(p -> p.name).collect(Collectors.joining(","));`,
  // Switch expressions with lambda or method reference arms passed as arguments (a poly expression of the parameter's function type).
  // switch expression lambda arms in ap
  `int k = 2;
return Support.mapAll(List.of("q"), switch (k) { case 1 -> s -> s + "1"; default -> s -> Support.kind(s); }).toString();`,
  // switch lambda and generic call arms in sort
  `int k = 1;
List<String> l = new ArrayList<>(List.of("a", "c", "b"));
l.sort(switch (k) { case 1 -> (a, b) -> b.compareTo(a); default -> Comparator.naturalOrder(); });
return l.toString();`,
  // switch method reference arms
  `int k = 1;
return Support.mapAll(List.of("abc"), switch (k) { case 1 -> String::length; default -> s -> 0; }).toString();`,
  // switch block arm yielding lambda
  `int k = 3;
return Support.mapAll(List.of("x"), switch (k) { case 1 -> s -> s; default -> { String p = "p" + k; yield s -> p + s; } }).toString();`,
  // Thread with switch runnable arms
  `int k = 0;
StringBuilder sb = new StringBuilder();
Thread t = new Thread(switch (k) { case 0 -> () -> sb.append("zero"); default -> () -> sb.append("other"); });
t.run();
return sb.toString();`,
];

const IMPORTS = ['java.util', 'java.util.function', 'java.util.stream'];

function testClass(bodies: readonly string[], stub: boolean): string {
  const methods = bodies.map((body, i) => `  @SuppressWarnings("unchecked") static String m${i}() {\n${stub ? 'return null;' : body}\n  }`).join('\n');
  const calls = bodies.map((_, i) => `    try { System.out.println("m${i}: " + m${i}()); } catch (Throwable t) { System.out.println("m${i}: threw " + t); }`).join('\n');
  const imports = IMPORTS.map((name) => `import ${name}.*;`).join('\n');
  return `package d;\n${imports}\npublic class T {\n${methods}\n  public static void main(String[] args) {\n${calls}\n  }\n}\n`;
}

describe('classforge/source against javac on bodies that lean on inference', () => {
  it('compiles each body as javac does: the same output under -Xverify:all', async () => {
    const byJavac = await compileJava({ 'd/T.java': testClass(BODIES, false), 'd/Support.java': SUPPORT });
    const stubs = await compileJava({ 'd/T.java': testClass(BODIES, true), 'd/Support.java': SUPPORT });
    const pool = new ClassPool(true).appendClassPath(stubs.dir);
    for (const name of IMPORTS) pool.importPackage(name);
    const t = pool.get('d.T');
    const refused: string[] = [];
    BODIES.forEach((body, i) => {
      try {
        t.getDeclaredMethod(`m${i}`).setBody(`{ ${body} }`);
      } catch (error) {
        refused.push(`m${i}: ${(error as Error).message}`);
      }
    });
    expect(refused).toEqual([]);
    const expected = await runJava({ classpath: byJavac.dir, mainClass: 'd.T', verify: true, timeout: 180_000 });
    const actual = await runJava({ classpath: [new Map([['d/T', t.toBytecode()]]), stubs.dir], mainClass: 'd.T', verify: true, timeout: 180_000 });
    expect(expected.stderr).toBe('');
    expect(actual.stderr).toBe('');
    expect(actual.stdout.split('\n')).toEqual(expected.stdout.split('\n'));
  });
});
