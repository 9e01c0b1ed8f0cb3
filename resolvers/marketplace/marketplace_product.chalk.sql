-- resolves: Product
-- source: marketplace
-- description: Every listing. Without placeholders the engine filters it by id for lookups
--   and by seller_id for a seller's products.
select id, seller_id, title, category, price, listed_at
from marketplace_product
