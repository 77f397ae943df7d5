@Deprecated
public class C {
  private int f;
  public int getF() { return f; }
  public void setF(int value) { this.f = value; }
  public void checkAndSetF(int f) { if (f >= 0) { this.f = f; } else { throw new IllegalArgumentException(); } }
  public void self() { f = f; int x = 1 + 0; f = x; }
  public static long sum(int[] a) { long s = 0; for (int v : a) { s += v; } return s; }
  public int sw(int k) { switch (k) { case 1: return 10; case 2: return 20; case 3: return 30; default: return -1; } }
  public int lookup(int k) { switch (k) { case 1: return 10; case 100: return 20; default: return -1; } }
  public String str(Object o) { try { return o.toString(); } catch (RuntimeException e) { return "x"; } }
  public static <T extends Comparable<T>> T max(java.util.List<? extends T> l) { return l.get(0); }
}
