-- resolves: Inquiry
-- source: marketplace
-- description: Every question asked about a product (one per inquiry interaction), filtered by the engine per user.
select id, user_id, product_id, question, created_at
from marketplace_inquiry
