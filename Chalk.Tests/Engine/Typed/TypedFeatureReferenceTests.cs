using System.Linq.Expressions;
using System.Reflection;
using Chalk.Definitions;
using Chalk.Examples.Marketplace;
using Chalk.Tests.Engine.Support;

namespace Chalk.Tests.Engine.Typed;

/// <summary><see cref="Feature.Of{T}"/> names features as the registry does, for every shape of reference, without an
/// engine; anything that is not a feature reference is refused with a message quoting it.</summary>
public sealed class TypedFeatureReferenceTests
{
    [Test]
    public void A_scalar_property_is_its_class_and_feature_name_in_snake_case()
    {
        Assert.That(Feature.Of<BikeRide>(r => r.Minutes), Is.EqualTo("bike_ride.minutes"));
        Assert.That(Feature.Of<BikeRide>(r => r.StartedAt), Is.EqualTo("bike_ride.started_at"));
        Assert.That(Feature.Of<Rider>(r => r.JoinedAt), Is.EqualTo("rider.joined_at"));
        Assert.That(Feature.Of<Rider>(r => r.BirthYear), Is.EqualTo("rider.birth_year"));
    }

    [Test]
    public void Name_overrides_of_the_class_and_of_the_property_are_honoured()
    {
        Assert.That(Feature.Of<BikeDock>(d => d.Capacity), Is.EqualTo("dock.capacity"), "[Features(Name = \"dock\")]");
        Assert.That(Feature.Of<Rider>(r => r.MembershipTier), Is.EqualTo("rider.tier"), "[Feature(\"tier\")]");
        Assert.That(Feature.Of<BikeRide>(r => r.Rider!.MembershipTier), Is.EqualTo("bike_ride.rider.tier"));
    }

    [Test]
    public void Has_one_hops_walk_the_relation_properties()
    {
        Assert.That(Feature.Of<BikeRide>(r => r.Rider!.Name), Is.EqualTo("bike_ride.rider.name"));
        Assert.That(Feature.Of<BikeRide>(r => r.StartDock!.City!.Country), Is.EqualTo("bike_ride.start_dock.city.country"));
        Assert.That(Feature.Of<BikeRide>(r => r.StartDock), Is.EqualTo("bike_ride.start_dock"), "the relation itself");
        Assert.That(Feature.Of<Review>(r => r.User!.DisplayName), Is.EqualTo("review.user.display_name"));
    }

    [Test]
    public void Has_many_relations_and_the_features_of_their_rows_through_select()
    {
        Assert.That(Feature.Of<BikeDock>(d => d.Departures), Is.EqualTo("dock.departures"));
        Assert.That(Feature.Of<BikeDock>(d => d.Departures.Select(r => r.Minutes)), Is.EqualTo("dock.departures.minutes"));
        Assert.That(Feature.Of<BikeDock>(d => d.Departures.Select(r => r.Rider!.MembershipTier)), Is.EqualTo("dock.departures.rider.tier"));
        Assert.That(Feature.Of<BikeRide>(r => r.Rider!.Rides.Select(x => x.StartDock!.Name)), Is.EqualTo("bike_ride.rider.rides.start_dock.name"));
    }

    [Test]
    public void A_windowed_method_names_the_window_of_the_same_length_whatever_its_label()
    {
        Assert.That(Feature.Of<BikeDock>(d => d.RecentDepartures(Window.Of("7d"))), Is.EqualTo("dock.recent_departures[7d]"));
        Assert.That(Feature.Of<BikeDock>(d => d.RecentDepartures(Window.Of("24h"))), Is.EqualTo("dock.recent_departures[1d]"));
        Assert.That(Feature.Of<BikeDock>(d => d.RecentDepartures(Window.Of(TimeSpan.FromDays(7)))), Is.EqualTo("dock.recent_departures[7d]"));
        var week = Window.Of("1w");
        Assert.That(Feature.Of<BikeDock>(d => d.RecentDepartures(week)), Is.EqualTo("dock.recent_departures[7d]"), "a captured window is a value, not a path");
        Assert.That(Feature.Of<BikeRide>(r => r.StartDock!.RecentDepartures(Window.Of("1d"))), Is.EqualTo("bike_ride.start_dock.recent_departures[1d]"));
        Assert.That(Feature.Of<Product>(p => p.ReviewCount(Window.Of("90d"))), Is.EqualTo("product.review_count[90d]"));
    }

    [Test]
    public void Computed_properties_are_features_like_any_other()
    {
        Assert.That(Feature.Of<BikeRide>(r => r.IsLong), Is.EqualTo("bike_ride.is_long"));
        Assert.That(Feature.Of<BikeRide>(r => r.Rider!.TotalMinutes), Is.EqualTo("bike_ride.rider.total_minutes"));
        Assert.That(Feature.Of((BikeDock d) => d.Label), Is.EqualTo("dock.label"), "the class inferred from the lambda's parameter");
    }

    [Test]
    public void Paths_lists_several_references_in_order()
    {
        Assert.That(Feature.Paths<BikeRide>(r => r.Id, r => r.Rider!.Rating, r => r.Fare),
            Is.EqualTo(new[] { "bike_ride.id", "bike_ride.rider.rating", "bike_ride.fare" }));
    }

    [Test]
    public void Every_feature_of_the_marketplace_example_and_one_hop_beyond_is_named_as_the_registry_names_it()
    {
        var registry = RegistryOf(typeof(Review).Assembly.GetTypes());
        Assert.That(CheckAll(registry), Is.GreaterThan(150));
    }

    [Test]
    public void Every_feature_of_the_bike_share_and_one_hop_beyond_is_named_as_the_registry_names_it()
    {
        var registry = RegistryOf([typeof(BikeDock), typeof(BikeCity), typeof(Rider), typeof(BikeRide)]);
        Assert.That(CheckAll(registry), Is.GreaterThan(40));
    }

    private static FeatureRegistry RegistryOf(IEnumerable<Type> types) => new(FeatureClassDiscovery.Discover(types));

    // For each class: every feature directly, then every feature of each has-one target through the relation, built as
    // an expression tree (x => x.Prop, x => x.Method(Window.Of("label")), x => x.Rel.Prop) and named by Feature.Of.
    private static int CheckAll(FeatureRegistry registry)
    {
        int checkedPaths = 0;
        foreach (var cls in registry.Classes)
        {
            var x = Expression.Parameter(cls.ClrType, "x");
            foreach (var f in cls.Features)
            {
                Check(registry, cls, x, Access(x, f), f.Path);
                checkedPaths++;
                if (f.Kind != FeatureKind.HasOne) continue;
                foreach (var g in f.Target!.Features)
                {
                    Check(registry, cls, x, Access(Access(x, f), g), f.Path + "." + g.Name);
                    checkedPaths++;
                }
            }
        }
        return checkedPaths;
    }

    private static Expression Access(Expression target, FeatureDefinition f)
        => f.Window is { } w
            ? Expression.Call(target, w.Method, Expression.Call(typeof(Window).GetMethod(nameof(Window.Of), [typeof(string)])!, Expression.Constant(w.Label)))
            : Expression.Property(target, f.Property!);

    private static void Check(FeatureRegistry registry, FeatureClassDefinition cls, ParameterExpression x, Expression body, string expected)
    {
        var lambda = Expression.Lambda(typeof(Func<,>).MakeGenericType(cls.ClrType, typeof(object)), Expression.Convert(body, typeof(object)), x);
        var of = typeof(Feature).GetMethod(nameof(Feature.Of))!.MakeGenericMethod(cls.ClrType);
        var path = (string)of.Invoke(null, [lambda, null])!;
        Assert.That(path, Is.EqualTo(expected), lambda.ToString());
        Assert.That(registry.Resolve(path).Text, Is.EqualTo(expected));
        var resolve = typeof(FeatureRegistry).GetMethods().Single(m => m.Name == nameof(FeatureRegistry.Resolve) && m.IsGenericMethod).MakeGenericMethod(cls.ClrType);
        Assert.That(((FeaturePath)resolve.Invoke(registry, [lambda, null])!).Text, Is.EqualTo(expected));
    }

    [Test]
    public async Task An_engine_resolves_a_typed_reference_to_its_feature_definition()
    {
        await using var database = await BikeShareDatabase.CreateAsync();
        await using var engine = database.BuildEngine();
        var path = engine.Features.Resolve<BikeRide>(r => r.StartDock!.City!.Country);
        Assert.That(path.Text, Is.EqualTo("bike_ride.start_dock.city.country"));
        Assert.That(path.Feature.Type, Is.EqualTo(new FeatureType(ScalarKind.String, true)));
        Assert.That(path.Steps.Select(s => s.Kind), Is.EqualTo(new[] { FeatureKind.HasOne, FeatureKind.HasOne, FeatureKind.Scalar }));
        var windowed = engine.Features.Resolve<BikeDock>(d => d.RecentDepartures(Window.Of("7d")));
        Assert.That(windowed.Feature.Window!.Duration, Is.EqualTo(TimeSpan.FromDays(7)));
        var outside = Assert.Throws<ChalkPlanException>(() => engine.Features.Resolve<Review>(r => r.Rating))!;
        Assert.That(outside.Message, Does.Contain("Review is not a feature class of this engine"));
    }

    private static ArgumentException Refused<T>(Expression<Func<T, object?>> feature, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(feature))] string? text = null)
    {
        var e = Assert.Throws<ArgumentException>(() => Feature.Of(feature, text))!;
        Assert.That(e.ParamName, Is.EqualTo("feature"));
        Assert.That(e.Message, Does.Contain($"'{text}' is not a feature reference"));
        Assert.That(e.Message, Does.Contain("a feature reference is a chain of feature properties from the lambda's parameter"));
        return e;
    }

    [Test]
    public void A_method_call_that_is_not_a_windowed_feature_is_refused()
    {
        Assert.That(Refused<BikeRide>(r => r.ToString()).Message, Does.Contain("Object.ToString(…) is a method call"));
        Assert.That(Refused<BikeRide>(r => r.Rider!.Name.ToUpperInvariant()).Message, Does.Contain("String.ToUpperInvariant(…) is a method call"));
    }

    [Test]
    public void A_captured_variable_is_refused_even_when_it_is_a_feature_object()
    {
        var other = new BikeRide { Minutes = 3 };
        Assert.That(Refused<BikeRide>(r => other.Minutes).Message, Does.Contain("'other' is a captured variable"));
        Assert.That(Refused<BikeRide>(r => other.Rider!.Name).Message, Does.Contain("is a captured variable"));
    }

    [Test]
    public void Arithmetic_comparisons_and_casts_are_computations_not_features()
    {
        Assert.That(Refused<BikeRide>(r => r.Minutes * 2).Message, Does.Contain("computes a value (Multiply)"));
        Assert.That(Refused<BikeRide>(r => r.Minutes > 30).Message, Does.Contain("computes a value (GreaterThan)"));
        Assert.That(Refused<BikeRide>(r => (int)r.Minutes).Message, Does.Contain("computes a value (Convert)"));
        Assert.That(Refused<BikeRide>(r => r.Rider == null ? "" : r.Rider.Name).Message, Does.Contain("computes a value (Conditional)"));
    }

    [Test]
    public void Members_that_are_not_features_are_refused_with_the_reason()
    {
        Assert.That(Refused<Rider>(r => r.Scratch).Message, Does.Contain("Rider.Scratch is not a feature (it is [Ignore]"));
        Assert.That(Refused<BikeRide>(r => r.Rider!.Name.Length).Message, Does.Contain("Rider.Name is a scalar feature, not a relation"));
        Assert.That(Refused<BikeDock>(d => d.Departures.Count).Message, Does.Contain("BikeDock.Departures is a has-many relation; reach the features of its rows with Select"));
        Assert.That(Refused<BikeRide>(r => r).Message, Does.Contain("it names the BikeRide itself"));
        Assert.That(Refused<BikeDock>(d => d.Departures.Select(r => r)).Message, Does.Contain("names its rows, not one of their features"));
        Assert.That(Refused<BikeDock>(d => d.Departures.Select(r => d.Name)).Message, Does.Contain("'d' is not the parameter 'r'"));
        Assert.That(Refused<string>(s => s.Length).Message, Does.Contain("String is not a [Features] class"));
        Assert.That(Refused<BikeRide>(r => DateTime.Now).Message, Does.Contain("DateTime.Now is static"));
    }

    [Test]
    public void A_window_the_method_does_not_declare_is_refused_with_the_windows_it_has()
    {
        Assert.That(Refused<BikeDock>(d => d.RecentDepartures(Window.Of("30d"))).Message,
            Does.Contain("BikeDock.RecentDepartures has the windows 1d, 7d, and none is 30.00:00:00 long"));
        Assert.That(Refused<BikeDock>(d => d.RecentDepartures(Window.Of("soon"))).Message,
            Does.Contain("the window passed to BikeDock.RecentDepartures could not be computed: 'soon' is not a window length"));
        Assert.That(Refused<BikeDock>(d => d.RecentDepartures(new Window(d.Id > 0 ? DateTime.MinValue : DateTime.MaxValue, DateTime.MaxValue))).Message,
            Does.Contain("reads the lambda's parameter"));
    }

    [Test]
    public void Paths_says_which_element_is_not_a_reference()
    {
        var e = Assert.Throws<ArgumentException>(() => Feature.Paths<BikeRide>(r => r.Id, r => r.Minutes + 1))!;
        Assert.That(e.ParamName, Is.EqualTo("features[1]"));
        Assert.That(e.Message, Does.Contain("'r => r.Minutes + 1' is not a feature reference: 'r.Minutes + 1' computes a value (Add)"));
        var captured = 2.0;
        var closure = Assert.Throws<ArgumentException>(() => Feature.Paths<BikeRide>(r => r.StartDock!.Departures.Select(x => x.Minutes * captured)))!;
        Assert.That(closure.Message, Does.StartWith("'r => r.StartDock.Departures.Select(x => x.Minutes * captured)' is not a feature reference"), "printed as written, closures and boxing as in C#");
        Assert.Throws<ArgumentNullException>(() => Feature.Paths<BikeRide>(r => r.Id, null!));
    }

    [Test]
    public void Window_of_a_label_is_a_window_of_that_length_ending_now()
    {
        var before = DateTime.UtcNow;
        var w = Window.Of("36h");
        Assert.That(w.Length, Is.EqualTo(TimeSpan.FromHours(36)));
        Assert.That(w.End, Is.InRange(before, DateTime.UtcNow));
        Assert.Throws<ArgumentException>(() => Window.Of("0d"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Window.Of(TimeSpan.Zero));
    }
}
