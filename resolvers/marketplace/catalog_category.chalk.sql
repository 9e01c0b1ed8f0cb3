-- resolves: CatalogCategory
-- source: catalog
-- description: The catalogue's categories, filtered by the engine by name.
select name, department, commission_rate
from catalog_category
