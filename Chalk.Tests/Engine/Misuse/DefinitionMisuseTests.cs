using Chalk.Tests.Engine.Misuse.Features;

namespace Chalk.Tests.Engine.Misuse;

/// <summary>Definitions that could never work fail at Build() with a message that names the member and says what to do.</summary>
public sealed class DefinitionMisuseTests
{
    private static ChalkDefinitionException? BuildFails(params Type[] types)
        => Assert.Throws<ChalkDefinitionException>(() => ChalkEngine.CreateBuilder().AddFeatures(types).Build());

    [Test]
    public void A_resolver_folder_that_does_not_exist_is_a_definition_error_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"chalk-no-such-folder-{Guid.NewGuid():N}");
        var ex = Assert.Throws<ChalkDefinitionException>(() => ChalkEngine.CreateBuilder().AddSqlResolvers(missing));
        Assert.That(ex!.Message, Does.Contain(missing).And.Contain("does not exist").And.Contain("*.chalk.sql"));
        var discovered = Assert.Throws<ChalkDefinitionException>(() => Chalk.Sql.Files.SqlResolverDiscovery.Discover(missing));
        Assert.That(discovered!.Message, Is.EqualTo(ex.Message));
    }

    [Test]
    public void A_resolver_on_an_instance_method_is_an_error_that_says_make_it_static()
    {
        var ex = BuildFails(typeof(Gadget), typeof(InstanceResolverHolder));
        Assert.That(ex!.Message, Does.Contain("InstanceResolverHolder.Weight").And.Contain("make it static"));
    }

    [Test]
    public async Task A_static_resolver_beside_it_is_accepted()
    {
        await using var engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(Gadget), typeof(InstanceResolvers)).Build();
        var row = await engine.QueryAsync(new Dictionary<string, object?> { ["gadget.id"] = 21L }, ["gadget.doubled"]);
        Assert.That(row.Get<double>("gadget.doubled"), Is.EqualTo(42.0));
    }

    [TestCase(typeof(DottedFeature), "DottedFeature.Ab", "'a.b'", "'.'")]
    [TestCase(typeof(DottedClass), "DottedClass", "'x.y'", "'.'")]
    [TestCase(typeof(SpacedFeature), "SpacedFeature.Spend", "'total spend'", "white space")]
    [TestCase(typeof(BracketFeature), "BracketFeature.Count", "'count[30d]'", "'['")]
    public void A_name_that_breaks_feature_paths_is_refused_at_build(Type type, string member, string name, string why)
    {
        var ex = BuildFails(type);
        Assert.That(ex!.Message, Does.Contain(member).And.Contain(name).And.Contain(why).And.Contain("letters, digits and '_'"));
    }

    [Test]
    public void An_unsupported_generic_property_type_is_named_as_csharp_spells_it()
    {
        var ex = BuildFails(typeof(ListFeature));
        Assert.That(ex!.Message, Does.Contain("List<string>").And.Not.Contain("`1"));
    }

    [Test]
    public void A_misspelled_resolver_output_reads_as_a_sentence_with_a_suggestion()
    {
        var ex = BuildFails(typeof(Gadget), typeof(MisspelledOutputResolvers));
        Assert.That(ex!.Message, Is.EqualTo("MisspelledOutputResolvers.Weight: unknown output: no feature 'gadget.wieght': Gadget has no feature 'wieght'; did you mean 'gadget.weight'?"));
    }
}
