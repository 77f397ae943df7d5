package example.fields;

/** The program the field-write-log example rewrites: a few instance and static field writes. */
public class Account {
  static int opened;
  private final String owner;
  private long balance;
  private boolean frozen;

  Account(String owner) {
    this.owner = owner;
    opened++;
  }

  void deposit(long amount) {
    balance += amount;
  }

  void freeze() {
    frozen = true;
  }

  public static void main(String[] args) {
    Account account = new Account("ada");
    account.deposit(100);
    account.deposit(-30);
    account.freeze();
    System.out.println(account.owner + " has " + account.balance + (account.frozen ? " (frozen)" : "") + ", accounts: " + opened);
  }
}
