using Chalk.Expressions;
using Chalk.Expressions.Lifting.Symbolic;

namespace Chalk.Tests.Expressions;

/// <summary>What functions declare about themselves: the .NET members they stand for, checked against reflection.</summary>
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
}
