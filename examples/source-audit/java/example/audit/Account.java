package example.audit;

/** The program the source-audit example instruments. */
public class Account {
  private long balance;

  public long deposit(long amount) {
    balance += amount;
    return balance;
  }

  public boolean withdraw(long amount) {
    if (amount > balance) return false;
    balance -= amount;
    return true;
  }

  public void close(String reason) {
    balance = 0;
  }

  public static void main(String[] args) {
    Account account = new Account();
    account.deposit(100);
    System.out.println("withdrew: " + account.withdraw(30));
    System.out.println("withdrew: " + account.withdraw(300));
    account.close("done");
    System.out.println("balance: " + account.balance);
  }
}
