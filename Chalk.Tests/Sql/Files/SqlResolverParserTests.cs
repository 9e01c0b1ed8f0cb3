using Chalk.Sql.Files;

namespace Chalk.Tests.Sql.Files;

public sealed class SqlResolverParserTests
{
    private static SqlResolverFile Parse(string text) => SqlResolverParser.Parse("x.chalk.sql", text);

    private static ChalkDefinitionException Fails(string text) => Assert.Throws<ChalkDefinitionException>(() => Parse(text))!;

    [Test]
    public void Every_header_key_is_read_with_its_line()
    {
        var file = Parse("""
            -- resolves: Transaction
            -- source: warehouse
            -- type: offline
            -- count: 1
            -- description: Every transaction, by id.
            -- this line is free text: it has spaces before its colon
            select id, total from transactions where id = ${transaction.id}
            """);
        Assert.That(file.Resolves, Is.EqualTo(new HeaderValue("Transaction", 1)));
        Assert.That(file.Source, Is.EqualTo(new HeaderValue("warehouse", 2)));
        Assert.That(file.Kind, Is.EqualTo(SqlResolverKind.Offline));
        Assert.That(file.Count, Is.EqualTo(1));
        Assert.That(file.Description, Is.EqualTo("Every transaction, by id."));
        Assert.That(file.BodyLine, Is.EqualTo(7));
    }

    [Test]
    public void Type_defaults_to_online_and_source_and_count_are_optional()
    {
        var file = Parse("-- resolves: User\nselect id from users");
        Assert.That(file.Kind, Is.EqualTo(SqlResolverKind.Online));
        Assert.That(file.Source, Is.Null);
        Assert.That(file.Count, Is.Null);
        Assert.That(file.Placeholders, Is.Empty);
    }

    [Test]
    public void Placeholders_become_parameter_slots_and_repeats_share_one()
    {
        var file = Parse("-- resolves: User\nselect id from users\nwhere id = ${user.id}\n  or (parent = ${user.parent_id} and id <> ${user.id})");
        Assert.That(file.Placeholders, Is.EqualTo(new[] { new SqlPlaceholder("user.id", 0, 3), new SqlPlaceholder("user.parent_id", 1, 4) }));
        Assert.That(file.Template.ParameterCount, Is.EqualTo(2));
        Assert.That(file.Template.ToString(), Is.EqualTo("select id from users\nwhere id = $1\n  or (parent = $2 and id <> $1)"));
    }

    [Test]
    public void Placeholders_in_comments_are_not_parameters()
    {
        var file = Parse("-- resolves: User\nselect id from users -- ${user.nope}\n/* ${user.nope2} */ where id = ${user.id}");
        Assert.That(file.Placeholders.Select(p => p.FeaturePath), Is.EqualTo(new[] { "user.id" }));
    }

    [Test]
    public void A_missing_resolves_header_is_reported_on_line_1()
    {
        var ex = Fails("-- source: warehouse\nselect 1");
        Assert.That(ex.Line, Is.EqualTo(1));
        Assert.That(ex.Message, Does.StartWith("x.chalk.sql:1:").And.Contain("resolves"));
    }

    [Test]
    public void An_unknown_key_is_reported_with_its_line_and_the_nearest_key()
    {
        var ex = Fails("-- resolves: User\n-- sorce: warehouse\nselect 1");
        Assert.That(ex.Line, Is.EqualTo(2));
        Assert.That(ex.Message, Does.Contain("sorce").And.Contain("did you mean 'source'"));
    }

    [TestCase("-- resolves: User\n-- type: realtime\nselect 1", 2, "online' or 'offline")]
    [TestCase("-- resolves: User\n-- count: 2\nselect 1", 2, "count: 2")]
    [TestCase("-- resolves: User\n-- count: many\nselect 1", 2, "count: many")]
    [TestCase("-- resolves:\nselect 1", 1, "no value")]
    [TestCase("-- resolves: User, Review\nselect 1", 1, "one feature class")]
    [TestCase("-- resolves: User\n-- source: a\n-- source: b\nselect 1", 3, "set twice")]
    [TestCase("-- resolves: User\n-- source:\nselect 1", 2, "no value")]
    [TestCase("-- resolves: User\n", 2, "no SQL statement")]
    [TestCase("-- resolves: User\nselect 1\nwhere x = '${user.id}'", 3, "quoted string")]
    [TestCase("-- resolves: User\nselect 1\n\nwhere x = ${user.id", 4, "unclosed")]
    [TestCase("-- resolves: User\nselect 1 where x = ${id}", 2, "class.feature")]
    [TestCase("-- resolves: User\nselect 1 where x = ${user..id}", 2, "class.feature")]
    public void Malformed_files_name_the_file_and_line(string text, int line, string fragment)
    {
        var ex = Fails(text);
        Assert.That(ex.File, Is.EqualTo("x.chalk.sql"));
        Assert.That(ex.Line, Is.EqualTo(line));
        Assert.That(ex.Message, Does.Contain(fragment));
    }

    [Test]
    public void Discovery_finds_files_recursively_in_path_order()
    {
        var dir = Directory.CreateTempSubdirectory("chalk-sql-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "nested"));
            File.WriteAllText(Path.Combine(dir.FullName, "b.chalk.sql"), "-- resolves: B\nselect 1");
            File.WriteAllText(Path.Combine(dir.FullName, "nested", "a.chalk.sql"), "-- resolves: A\nselect 1");
            File.WriteAllText(Path.Combine(dir.FullName, "ignored.sql"), "not a resolver");
            var files = SqlResolverDiscovery.Discover(dir.FullName);
            Assert.That(files.Select(f => f.Resolves.Value), Is.EqualTo(new[] { "B", "A" }));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
