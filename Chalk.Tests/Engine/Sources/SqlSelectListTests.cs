using Chalk.Resolvers;

namespace Chalk.Tests.Engine.Sources;

/// <summary>Output names read from a select list, for sources that cannot describe a statement before running it.</summary>
public sealed class SqlSelectListTests
{
    [TestCase("select id, name from t where id = $1", new[] { "id", "name" })]
    [TestCase("select t.id, upper(t.name) as name, x + 1 total\nfrom t", new[] { "id", "name", "total" })]
    [TestCase("select id, `Name`, \"other\" from `proj.ds.t`", new[] { "id", "Name", "other" })]
    [TestCase("select id, -- a comment, with a comma\n  'a, b from c' as label /* from */ from t", new[] { "id", "label" })]
    [TestCase("select coalesce(a, b) as v, case when x then 1 else 2 end as k from t", new[] { "v", "k" })]
    public void A_plain_select_list_gives_its_names(string sql, string[] names)
        => Assert.That(SqlSelectList.Columns(sql), Is.EqualTo(names));

    [TestCase("select * from t")]
    [TestCase("select t.* from t")]
    [TestCase("select count(*) from t")]
    [TestCase("select case when x then 1 end from t")]
    [TestCase("with a as (select 1 as id) select id from a")]
    [TestCase("select 1 from t")]
    [TestCase("select 'unclosed from t")]
    public void Anything_else_gives_no_names(string sql) => Assert.That(SqlSelectList.Columns(sql), Is.Null);
}
