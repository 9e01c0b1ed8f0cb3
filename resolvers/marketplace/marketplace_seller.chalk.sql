-- resolves: Seller
-- source: marketplace
-- count: 1
-- description: Shops, looked up by id.
select id, name, country, joined_at, rating
from marketplace_seller
where id = ${seller.id}
