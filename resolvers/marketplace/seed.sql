-- Deterministic seed data for the bundled marketplace example.
-- Every value is arithmetic on the row number, so each run builds the same database.

create table marketplace_user as
select
    i::bigint as id,
    list_extract(['ada','alan','grace','linus','ken','barbara','donald','edsger','margaret','john',
                  'katherine','tim','radia','bjarne','guido','james','anders','frances','niklaus','leslie'], (i % 20)::int + 1) || '_' || i as username,
    list_extract(['Ada','Alan','Grace','Linus','Ken','Barbara','Donald','Edsger','Margaret','John','Katherine','Tim','Radia'], (i % 13)::int + 1)
        || ' ' ||
    list_extract(['Lovelace','Turing','Hopper','Torvalds','Thompson','Liskov','Knuth','Dijkstra','Hamilton','Backus','Johnson'], ((i * 7) % 11)::int + 1) as full_name,
    list_extract(['ada','alan','grace','linus','ken','barbara','donald','edsger','margaret','john',
                  'katherine','tim','radia','bjarne','guido','james','anders','frances','niklaus','leslie'], (i % 20)::int + 1) || i
        || '@' || list_extract(['example.com','mail.test','shop.example','corp.example'], ((i * 7) % 4)::int + 1) as email,
    list_extract(['US','DE','FR','JP','BR','IN','GB','CA'], ((i * 13) % 8)::int + 1) as country,
    (i % 7 <> 0) as is_verified,
    case when i % 11 = 0 then null else (1950 + (i * 37) % 55)::integer end as birth_year,
    timestamp '2020-01-01 00:00:00' + to_seconds(((i * 104729) % 126144000)::bigint) as created_at
from range(1, 2001) r(i);

create table marketplace_seller as
select
    i::bigint as id,
    list_extract(['Acme','Globex','Initech','Umbrella','Hooli','Stark','Wayne','Wonka','Cyberdyne','Soylent'], (i % 10)::int + 1)
        || ' ' || list_extract(['Goods','Supply','Outlet','Traders','Emporium','Works','Store'], ((i * 3) % 7)::int + 1) || ' #' || i as name,
    list_extract(['US','DE','FR','JP','BR','IN','GB','CA'], ((i * 5) % 8)::int + 1) as country,
    timestamp '2018-01-01 00:00:00' + to_seconds(((i * 7919) % 94608000)::bigint) as joined_at,
    case when i % 9 = 0 then null else round(3.0 + ((i * 17) % 21) / 10.0, 1)::double end as rating
from range(1, 201) r(i);

create table marketplace_product as
select
    i::bigint as id,
    (1 + (i * 31) % 200)::bigint as seller_id,
    list_extract(['Vintage','Compact','Deluxe','Wireless','Handmade','Organic','Ergonomic','Portable','Classic','Smart'], (i % 10)::int + 1)
        || ' ' || list_extract(['Lamp','Backpack','Kettle','Headphones','Notebook','Chair','Mug','Keyboard','Blanket','Watch','Camera','Plant'], ((i * 7) % 12)::int + 1) as title,
    list_extract(['home','electronics','office','outdoors','kitchen','fashion'], ((i * 11) % 6)::int + 1) as category,
    round(5 + ((i * 7919) % 25000) / 100.0, 2)::double as price,
    timestamp '2021-01-01 00:00:00' + to_seconds(((i * 15485863) % 94608000)::bigint) as listed_at
from range(1, 3001) r(i);

create table marketplace_review as
select
    i::bigint as id,
    (1 + (i * 7 + i // 13) % 3000)::bigint as product_id,
    (1 + (i * 13) % 2000)::bigint as user_id,
    list_extract([5, 4, 5, 3, 4, 5, 2, 4, 1, 5, 3, 4], ((i * 17) % 12)::int + 1)::integer as rating,
    list_extract(['Love it', 'Not what I expected', 'Solid choice', 'Would buy again', 'Meh', 'Fantastic', 'Disappointed', 'Does the job'],
                 ((i * 5) % 8)::int + 1) as review_headline,
    list_extract(['Absolutely love it.', 'Terrible quality, broke after a week.', 'Works as expected.', 'Great value for the money!',
                  'Would not recommend.', 'Fast shipping and perfect packaging.', 'Arrived damaged and the color is wrong.',
                  'Excellent craftsmanship.', 'Pretty average overall.', 'Best purchase this year, very happy.'], ((i * 7) % 10)::int + 1)
        || ' ' ||
    list_extract(['Customer service was slow.', 'I use it every day.', 'My kids love it too.', 'Asked for a refund.',
                  'Looks beautiful on my desk.', 'Feels cheap.', ''], ((i * 3) % 7)::int + 1) as review_body,
    ((i * 29) % 23)::integer as helpful_votes,
    (i % 4 <> 0) as verified_purchase,
    timestamp '2022-01-01 00:00:00' + to_seconds(((i * 2654435761) % 94608000)::bigint) as created_at
from range(1, 20001) r(i);

create table marketplace_interaction as
select
    i::bigint as id,
    (1 + (i * 17) % 2000)::bigint as user_id,
    (1 + (i * 23 + i // 7) % 3000)::bigint as product_id,
    list_extract(['view', 'view', 'view', 'cart', 'view', 'purchase', 'inquiry', 'view', 'cart', 'purchase'], ((i * 3 + i // 2000) % 10)::int + 1) as kind,
    timestamp '2022-01-01 00:00:00' + to_seconds(((i * 40503) % 94608000)::bigint) as created_at
from range(1, 50001) r(i);

-- An order for each purchase and a question for each inquiry, at the interaction's time.
create table marketplace_order as
select
    i.id,
    i.user_id,
    i.product_id,
    (1 + (i.id * 7) % 3)::integer as quantity,
    round(p.price * (1 + (i.id * 7) % 3), 2)::double as amount,
    i.created_at
from marketplace_interaction i join marketplace_product p on p.id = i.product_id
where i.kind = 'purchase';

create table marketplace_inquiry as
select
    i.id,
    i.user_id,
    i.product_id,
    list_extract(['Does it ship abroad?', 'Is it in stock?', 'What are the dimensions?', 'Does it come with a warranty?', 'Can I return it?'],
                 ((i.id * 3) % 5)::int + 1) as question,
    i.created_at
from marketplace_interaction i
where i.kind = 'inquiry';

create unique index marketplace_user_id on marketplace_user(id);
create unique index marketplace_seller_id on marketplace_seller(id);
create unique index marketplace_product_id on marketplace_product(id);
create unique index marketplace_review_id on marketplace_review(id);
create unique index marketplace_interaction_id on marketplace_interaction(id);
create unique index marketplace_order_id on marketplace_order(id);
create unique index marketplace_inquiry_id on marketplace_inquiry(id);

-- The foreign keys online aggregates filter by: a query for one user's or one product's rows reads them through
-- the index instead of scanning the table.
create index marketplace_review_product_id on marketplace_review (product_id);
create index marketplace_review_user_id on marketplace_review (user_id);
create index marketplace_order_user_id on marketplace_order (user_id);
create index marketplace_inquiry_user_id on marketplace_inquiry (user_id);
create index marketplace_interaction_user_id on marketplace_interaction (user_id);
