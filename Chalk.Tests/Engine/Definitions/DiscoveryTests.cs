using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Tests.Engine.Definitions.Broken;

namespace Chalk.Tests.Engine.Definitions;

public sealed class DiscoveryTests
{
    private static ChalkEngine Build(params Type[] types) => ChalkEngine.CreateBuilder().AddFeatures(types).Build();

    [TestCase("IsExpensive", "is_expensive")]
    [TestCase("UserId", "user_id")]
    [TestCase("HTTPCode", "http_code")]
    [TestCase("Sha256Hash", "sha256_hash")]
    [TestCase("Total", "total")]
    [TestCase("MostRecentTransaction", "most_recent_transaction")]
    public void Member_names_become_snake_case(string member, string feature)
        => Assert.That(FeatureNames.ToSnakeCase(member), Is.EqualTo(feature));

    [Test]
    public async Task Feature_classes_are_discovered_with_names_types_keys_and_relations()
    {
        await using var engine = Build(typeof(Account), typeof(Owner), typeof(Payment));
        var account = engine.Features.FindClass("account")!;
        Assert.That(account.PrimaryKey!.Name, Is.EqualTo("id"));
        Assert.That(engine.Features.FindClass("owner")!.PrimaryKey!.Name, Is.EqualTo("owner_key"));

        (string Name, ScalarKind Kind, bool Nullable, ArrowTypeId Arrow)[] expected =
        [
            ("is_active", ScalarKind.Bool, false, ArrowTypeId.Boolean), ("was_flagged", ScalarKind.Bool, true, ArrowTypeId.Boolean),
            ("logins", ScalarKind.Int32, false, ArrowTypeId.Int32), ("logins_last_week", ScalarKind.Int32, true, ArrowTypeId.Int32),
            ("parent_id", ScalarKind.Int64, true, ArrowTypeId.Int64), ("balance", ScalarKind.Float64, false, ArrowTypeId.Double),
            ("credit_limit", ScalarKind.Float64, true, ArrowTypeId.Double), ("score", ScalarKind.Float32, false, ArrowTypeId.Float),
            ("score_delta", ScalarKind.Float32, true, ArrowTypeId.Float), ("name", ScalarKind.String, false, ArrowTypeId.String),
            ("nickname", ScalarKind.String, true, ArrowTypeId.String), ("opened_at", ScalarKind.DateTime, false, ArrowTypeId.Timestamp),
            ("closed_at", ScalarKind.DateTime, true, ArrowTypeId.Timestamp), ("last_seen", ScalarKind.DateTimeOffset, false, ArrowTypeId.Timestamp),
            ("last_payment", ScalarKind.DateTimeOffset, true, ArrowTypeId.Timestamp), ("http_status_text", ScalarKind.String, false, ArrowTypeId.String),
            ("sha256_hash", ScalarKind.String, false, ArrowTypeId.String), ("custom_name", ScalarKind.Int32, false, ArrowTypeId.Int32),
        ];
        foreach (var (name, kind, nullable, arrow) in expected)
        {
            var f = account.Find(name);
            Assert.That(f, Is.Not.Null, name);
            Assert.That(f!.Type, Is.EqualTo(new FeatureType(kind, nullable)), name);
            Assert.That(f.Type!.ArrowType.TypeId, Is.EqualTo(arrow), name);
        }
        Assert.That(((TimestampType)account.Find("opened_at")!.Type!.ArrowType).Unit, Is.EqualTo(TimeUnit.Microsecond));
        Assert.That(((TimestampType)account.Find("last_seen")!.Type!.ArrowType).Timezone, Is.EqualTo("UTC"));
        Assert.That(account.Find("scratch"), Is.Null);
        Assert.That(account.Find("overdrawn")!.IsComputed, Is.True);
        Assert.That(account.Find("balance")!.IsComputed, Is.False);

        var owner = account.Find("owner")!;
        Assert.That(owner.Kind, Is.EqualTo(FeatureKind.HasOne));
        Assert.That(owner.ForeignKey!.Path, Is.EqualTo("account.owner_id"));
        var payments = account.Find("payments")!;
        Assert.That(payments.Kind, Is.EqualTo(FeatureKind.HasMany));
        Assert.That(payments.ForeignKey!.Path, Is.EqualTo("payment.account_id"));
    }

    [Test]
    public void An_unsupported_property_type_names_the_member_and_the_supported_types()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => Build(typeof(Unsupported)));
        Assert.That(ex!.Message, Does.Contain("Unsupported.Price").And.Contain("decimal").And.Contain("[Ignore]"));
    }

    [Test]
    public void A_has_one_without_a_foreign_key_says_which_attribute_fixes_it()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => Build(typeof(Orphan), typeof(Parent), typeof(Transfer)));
        Assert.That(ex!.Message, Does.Contain("Orphan.Parent").And.Contain("ParentId").And.Contain("[HasOne(ForeignKey"));
    }

    [Test]
    public void An_ambiguous_has_many_names_both_keys_and_the_attribute_that_resolves_it()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => Build(typeof(Parent), typeof(Transfer)));
        Assert.That(ex!.Message, Does.Contain("Parent.Transfers").And.Contain("[HasMany(ForeignKey"));
    }

    [Test]
    public async Task An_explicit_has_many_attribute_resolves_the_ambiguity()
    {
        await using var engine = Build(typeof(FixedParent), typeof(FixedTransfer));
        Assert.That(engine.Features.FindClass("fixed_parent")!.Find("sent")!.ForeignKey!.Path, Is.EqualTo("fixed_transfer.from_fixed_parent_id"));
    }

    [Test]
    public void A_foreign_key_of_the_wrong_type_names_both_members()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => Build(typeof(WrongKey), typeof(Target)));
        Assert.That(ex!.Message, Does.Contain("WrongKey.TargetId").And.Contain("Target.Id"));
    }

    [Test]
    public void A_cycle_between_resolvers_is_a_plan_error_naming_the_features()
    {
        var ex = Assert.Throws<ChalkCycleException>(() => Build(typeof(Loop), typeof(LoopResolvers)));
        Assert.That(ex!.Message, Does.Contain("cycle").And.Contain("loop.a").And.Contain("loop.b"));
    }

    [Test]
    public void A_resolver_parameter_whose_type_differs_from_its_feature_is_a_definition_error()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => Build(typeof(Account), typeof(Owner), typeof(Payment), typeof(AccountResolvers)));
        Assert.That(ex!.Message, Does.Contain("AccountResolvers.Balance").And.Contain("creditLimit").And.Contain("double?"));
    }
}
