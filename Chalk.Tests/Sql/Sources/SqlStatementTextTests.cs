using Chalk.Sql.Sources;

namespace Chalk.Tests.Sql.Sources;

public sealed class SqlStatementTextTests
{
    [TestCase("select 1", "select 1")]
    [TestCase("select 1;", "select 1")]
    [TestCase("select 1 ;  \n", "select 1 ")]
    [TestCase("select 1; -- done\n", "select 1")]
    [TestCase("select 1; /* done */", "select 1")]
    [TestCase("select ';' as s", "select ';' as s")]
    [TestCase("select 'it''s;' as s;", "select 'it''s;' as s")]
    [TestCase("select \"a;b\" from t -- trailing ;", "select \"a;b\" from t -- trailing ;")]
    [TestCase("select 1 -- x;\n;", "select 1 -- x;\n")]
    public void A_final_semicolon_is_dropped_but_not_one_inside_quotes_or_comments(string sql, string expected)
        => Assert.That(SqlStatementText.TrimTerminator(sql), Is.EqualTo(expected));
}
