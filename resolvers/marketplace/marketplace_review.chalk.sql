-- resolves: Review
-- source: marketplace
-- description: Every review. Without placeholders the engine filters it by id for lookups,
--   by product_id for a product's reviews and by user_id for a user's.
select id, product_id, user_id, rating, review_headline, review_body, helpful_votes, verified_purchase, created_at
from marketplace_review
