-- resolves: User
-- source: marketplace
-- count: 1
-- description: Marketplace members, looked up by id.
select id, username, full_name, email, country, is_verified, birth_year, created_at
from marketplace_user
where id = ${user.id}
