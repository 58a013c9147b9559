package shop.inventory;

import java.sql.Connection;
import java.sql.DriverManager;

public class StockDb {
  static final String URL = "jdbc:postgresql://pg:5432/shop?user=shop&password=Pw0-java-literal";
  static final String MONGO = "mongodb://inv:Pw0-java-mongo@mongo-1:27017/inventory";

  Connection open() throws Exception {
    return DriverManager.getConnection("jdbc:mysql://shop:Pw0-java-inline@mysql:3306/users");
  }

  void grant(org.springframework.jdbc.core.JdbcTemplate jdbc) {
    jdbc.execute("CREATE USER reporting WITH PASSWORD 'Pw0-java-sql'");
    jdbc.update("UPDATE stock SET qty = 0 WHERE token = 'Pw0-java-sql-value'");
  }
}
