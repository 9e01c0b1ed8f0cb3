-- resolves: CatalogEntry
-- source: catalog
-- count: 1
-- description: A product's catalogue entry, looked up by product id in the catalogue database
--   (catalog.sqlite by default; the same SQL runs on PostgreSQL).
select product_id, brand, description
from catalog_entry
where product_id = ${catalog_entry.product_id}
