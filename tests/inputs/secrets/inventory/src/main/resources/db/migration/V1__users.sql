CREATE USER reporting WITH PASSWORD 'Pw0-sql-migration';
ALTER ROLE reporting PASSWORD 'Pw0-sql-alter';
CREATE TABLE stock (id bigint primary key, qty int);
