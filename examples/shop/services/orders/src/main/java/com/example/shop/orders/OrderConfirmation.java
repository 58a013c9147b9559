package com.example.shop.orders;

import org.springframework.jdbc.core.JdbcTemplate;

// Sends order confirmations. It reads the e-mail address straight from the users service's
// table (foreign-table-access): it should call GET /users/{id}/email instead.
public class OrderConfirmation {
    private final JdbcTemplate jdbcTemplate;

    public OrderConfirmation(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    public String recipient(long userId) {
        return jdbcTemplate.queryForObject("SELECT email FROM users WHERE id = ?", String.class, userId);
    }
}
