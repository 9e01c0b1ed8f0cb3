-- resolves: Order
-- source: marketplace
-- description: Every order (one per purchase interaction). Without placeholders the engine filters it by id,
--   and counts a user's orders in one pushed-down statement.
select id, user_id, product_id, quantity, amount, created_at
from marketplace_order
