-- Deterministic seed data for the example's catalogue, the "catalog" source. Portable SQL: it builds the default
-- SQLite file (catalog.sqlite, on first use), and the same script loads a PostgreSQL database (psql -f catalog.sql).
-- Every value is arithmetic on the product id, so each run builds the same catalogue.

create table catalog_category (
    name text primary key,
    department text not null,
    commission_rate double precision not null
);

insert into catalog_category (name, department, commission_rate) values
    ('home', 'Home & Garden', 0.12),
    ('electronics', 'Electronics', 0.08),
    ('office', 'Office Supplies', 0.1),
    ('outdoors', 'Sports & Outdoors', 0.11),
    ('kitchen', 'Home & Garden', 0.12),
    ('fashion', 'Clothing & Accessories', 0.15);

create table catalog_entry (
    product_id bigint primary key,
    brand text not null,
    description text not null
);

insert into catalog_entry (product_id, brand, description)
with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000)
select
    i,
    case i % 8 when 0 then 'Northwind' when 1 then 'Contoso' when 2 then 'Fabrikam' when 3 then 'Tailspin'
               when 4 then 'Litware' when 5 then 'Proseware' when 6 then 'Adventure Works' else 'Wingtip' end,
    case (i * 3) % 7 when 0 then 'Oak' when 1 then 'Aluminium' when 2 then 'Recycled plastic' when 3 then 'Leather'
                     when 4 then 'Steel' when 5 then 'Bamboo' else 'Ceramic' end
    || ' build with '
    || case (i * 2) % 5 when 0 then 'a two-year warranty' when 1 then 'free returns' when 2 then 'a battery that lasts all day'
                                when 3 then 'a lifetime guarantee' else 'a cozy finish' end
    || '. Ideal for '
    || case (i * 11) % 8 when 0 then 'the living room' when 1 then 'the office' when 2 then 'camping trips' when 3 then 'the kitchen'
                         when 4 then 'everyday wear' when 5 then 'travel' when 6 then 'the bedroom' else 'your desk' end
    || '.'
from n;
