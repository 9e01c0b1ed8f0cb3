-- resolves: User
-- source: marketplace
-- description: Every member. Without placeholders the engine filters it by id for lookups,
--   and `chalk materialize` lists every user from it.
select id, username, full_name, email, country, is_verified, birth_year, created_at
from marketplace_user
