using System.Globalization;
using CsCheck;

namespace Chalk.Tests.Engine.Properties;

/// <summary>The generator makes has-ones keyed by the owner's own primary key often enough, mostly below another has-one,
/// with the data that tests them (orphan target rows, owners without one) and queries that read through them; it
/// generates cases only (no engine), so it is quick.</summary>
[Category("Properties")]
public sealed class ByOwnKeyShapeTests
{
    private const int Cases = 2000;

    [TestCase(true)]
    [TestCase(false)]
    public void About_a_third_of_the_graphs_have_a_has_one_by_its_owners_key_mostly_below_another_has_one(bool missingRows)
    {
        var census = Census(new GraphOptions(missingRows, NulInKeys: false));
        TestContext.Out.WriteLine(census);
        Assert.That(census.WithByOwnKey, Is.InRange(0.22, 0.4), census.ToString());
        Assert.That(census.BelowHasOne, Is.GreaterThan(0.12), census.ToString());
        Assert.That(census.ChainOfTwo, Is.GreaterThan(0.005), census.ToString());
        Assert.That(census.QueriedThrough, Is.GreaterThan(0.12), census.ToString());
        Assert.That(census.QueriedBelowHasOne, Is.GreaterThan(0.05), census.ToString());
        Assert.That(census.Orphans, Is.GreaterThan(0.1), census.ToString());
        if (missingRows) Assert.That(census.OwnersWithout, Is.GreaterThan(0.1), census.ToString());
        if (missingRows) Assert.That(census.OrphanUnderMissingOwner, Is.GreaterThan(0.08), census.ToString());
    }

    [Test]
    public void A_target_by_its_owners_key_has_the_owners_key_type_no_column_for_it_and_no_has_many_over_it()
    {
        var gen = GraphGen.Cases(new GraphOptions(MissingRows: true, NulInKeys: true));
        var pcg = new PCG(7, 20261207);
        for (int n = 0; n < Cases; n++)
        {
            var graph = gen.Generate(pcg, null, out _).Graph;
            foreach (var owner in graph.Classes)
            {
                foreach (var h in owner.HasOnes.Where(h => h.ByOwnKey))
                {
                    var target = graph.Classes[h.Target];
                    Assert.That(target.StringKey, Is.EqualTo(owner.StringKey), owner.Name + "." + h.Property);
                    Assert.That(owner.Columns.Count(c => c.Property == "Id"), Is.EqualTo(1), owner.Name + "." + h.Property);
                    Assert.That(target.HasManys.Any(m => graph.Classes[m.Child] == owner), Is.False, owner.Name + "." + h.Property);
                    Assert.That(graph.Classes.Count(o => o.HasOnes.Any(x => x.ByOwnKey && x.Target == h.Target)), Is.EqualTo(1), target.Name);
                }
            }
        }
    }

    /// <summary>Shares of generated cases: with a has-one by its owner's key; with one whose owner is itself a has-one
    /// target; with two in a row; with a query output through one (and through one below another has-one); whose target
    /// rows include an orphan; whose owner rows include one without its target row; where a dangling foreign key or a
    /// query key names a missing owner whose key an orphan has.</summary>
    private sealed record ShapeCensus(double WithByOwnKey, double BelowHasOne, double ChainOfTwo, double QueriedThrough,
        double QueriedBelowHasOne, double Orphans, double OwnersWithout, double OrphanUnderMissingOwner)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"of {Cases} cases: by own key {WithByOwnKey:P1}, below a has-one {BelowHasOne:P1}, two in a row {ChainOfTwo:P1}, "
            + $"queried through {QueriedThrough:P1}, queried below a has-one {QueriedBelowHasOne:P1}, orphan target rows {Orphans:P1}, "
            + $"owners without a target row {OwnersWithout:P1}, an orphan's key names a missing owner {OrphanUnderMissingOwner:P1}");
    }

    private static ShapeCensus Census(GraphOptions options)
    {
        var gen = GraphGen.Cases(options);
        var pcg = new PCG(3, 20261207);
        int with = 0, below = 0, chain = 0, through = 0, throughBelow = 0, orphans = 0, without = 0, underMissing = 0;
        for (int n = 0; n < Cases; n++)
        {
            var c = gen.Generate(pcg, null, out _);
            var classes = c.Graph.Classes;
            var own = classes.SelectMany((o, i) => o.HasOnes.Where(h => h.ByOwnKey).Select(h => (Owner: i, h.Target))).ToList();
            if (own.Count == 0) continue;
            with++;
            if (own.Any(p => classes.Any(o => o.HasOnes.Any(h => h.Target == p.Owner)))) below++;
            if (own.Any(p => own.Any(q => q.Target == p.Owner))) chain++;
            var paths = c.Queries.SelectMany(q => q.Outputs.Select(o => Steps(c.Graph, q.Root, o))).ToList();
            if (paths.Any(p => p.Any(s => s))) through++;
            if (paths.Any(p => p.Skip(1).Any(s => s))) throughBelow++;
            var ownerKeys = own.Select(p => (Owner: c.Data.Rows[p.Owner].Select(r => r["Id"]).ToHashSet(), Target: c.Data.Rows[p.Target].Select(r => r["Id"]).ToHashSet())).ToList();
            if (ownerKeys.Any(k => k.Target.Except(k.Owner).Any())) orphans++;
            if (ownerKeys.Any(k => k.Owner.Except(k.Target).Any())) without++;
            var named = own.Select(p => classes.SelectMany((o, i) => o.HasOnes.Where(h => !h.ByOwnKey && h.Target == p.Owner)
                    .SelectMany(h => c.Data.Rows[i].Select(r => r[h.ForeignKey.Property])))
                .Concat(c.Queries.Where(q => q.Root == p.Owner).SelectMany(q => q.Keys)).ToHashSet()).ToList();
            if (ownerKeys.Zip(named).Any(x => x.First.Target.Except(x.First.Owner).Any(x.Second.Contains))) underMissing++;
        }
        double Share(int k) => (double)k / Cases;
        return new ShapeCensus(Share(with), Share(below), Share(chain), Share(through), Share(throughBelow), Share(orphans), Share(without), Share(underMissing));
    }

    /// <summary>For each has-one step of an output's path, whether it is by the owner's own key.</summary>
    private static List<bool> Steps(GraphSpec graph, int root, string output)
    {
        var steps = output.Split('.');
        var byOwnKey = new List<bool>();
        int cls = root;
        for (int s = 1; s < steps.Length - 1; s++)
        {
            var h = graph.Classes[cls].HasOnes.Single(x => Chalk.Definitions.FeatureNames.ToSnakeCase(x.Property) == steps[s]);
            byOwnKey.Add(h.ByOwnKey);
            cls = h.Target;
        }
        return byOwnKey;
    }
}
