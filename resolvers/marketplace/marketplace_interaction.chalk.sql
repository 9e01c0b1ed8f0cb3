-- resolves: Interaction
-- source: marketplace
-- type: online
-- description: Every view, cart add, purchase and inquiry, filtered by the engine per user or id.
select id, user_id, product_id, kind, created_at
from marketplace_interaction
