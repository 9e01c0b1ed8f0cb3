using Chalk.Expressions;
using Chalk.Expressions.Lifting.Symbolic;

namespace Chalk.Tests.Expressions;

/// <summary>What functions declare about themselves: the .NET members they stand for (checked against reflection) and their SQL forms.</summary>
[TestFixture]
public class FunctionRegistryTests
{
    private static IEnumerable<(ScalarFunction Function, ClrMember Member)> Listed() =>
        FunctionRegistry.All.SelectMany(f => f.Members.Select(m => (f, m)));

    [Test]
    public void Every_listed_member_is_a_real_public_method()
    {
        var missing = Listed().Where(x => x.Member.Resolve() is null).Select(x => $"{x.Function.Name}: {x.Member}").ToList();
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void No_two_functions_list_the_same_member()
    {
        var twice = Listed()
            .GroupBy(x => x.Member)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Function.Name))}")
            .ToList();
        Assert.That(twice, Is.Empty);
    }

    [Test]
    public void Every_listed_member_has_an_overload_of_its_function_for_its_receiver_and_parameters()
    {
        var unmatched = new List<string>();
        foreach (var (f, member) in Listed())
        {
            var m = member.Resolve()!;
            var clr = (m.IsStatic ? [] : new[] { m.DeclaringType! }).Concat(m.GetParameters().Select(p => p.ParameterType));
            var types = clr.Select(t => TypeMap.TryMap(t, out var et, out _) ? et : (ExprType?)null).ToArray();
            if (types.Any(t => t is null) || !f.Signatures.Any(s => s.Matches(types.Select(t => t!.Value).ToArray())))
                unmatched.Add($"{f.Name}: {member}");
        }
        Assert.That(unmatched, Is.Empty);
    }

    [Test]
    public void The_lifter_finds_each_listed_member_through_the_registry()
    {
        foreach (var (f, member) in Listed())
        {
            Assert.That(FunctionRegistry.TryGetByMember(member.Resolve()!, out var found), Is.True, member.ToString());
            Assert.That(found, Is.SameAs(f), member.ToString());
        }
    }

    [Test]
    public void A_member_no_function_lists_is_not_found()
    {
        Assert.That(FunctionRegistry.TryGetByMember(typeof(Math).GetMethod(nameof(Math.Cbrt))!, out _), Is.False);
        Assert.That(FunctionRegistry.TryGetByMember(typeof(List<int>).GetMethod(nameof(List<int>.Add))!, out _), Is.False);
    }

    [Test]
    public void No_function_has_two_SQL_forms_for_one_dialect()
    {
        var twice = FunctionRegistry.All
            .SelectMany(f => f.SqlForms.GroupBy(form => form.Dialect).Where(g => g.Count() > 1).Select(g => $"{f.Name}: {g.Key}"))
            .ToList();
        Assert.That(twice, Is.Empty);
    }

    [Test]
    public void Every_SQL_form_names_a_known_dialect()
    {
        var unknown = FunctionRegistry.All
            .SelectMany(f => f.SqlForms.Where(form => form.Dialect is not (SqlDialect.DuckDb or SqlDialect.PostgreSql)).Select(form => $"{f.Name}: {form.Dialect}"))
            .ToList();
        Assert.That(unknown, Is.Empty);
    }

    [Test]
    public void FindSqlForm_gives_the_form_of_the_dialect_or_null()
    {
        var eq = FunctionRegistry.Get("eq");
        Assert.That(eq.FindSqlForm(SqlDialect.DuckDb)?.Dialect, Is.EqualTo(SqlDialect.DuckDb));
        Assert.That(eq.FindSqlForm(SqlDialect.PostgreSql)?.Dialect, Is.EqualTo(SqlDialect.PostgreSql));
        Assert.That(FunctionRegistry.Get("index_of").FindSqlForm(SqlDialect.DuckDb), Is.Null);
    }
}
