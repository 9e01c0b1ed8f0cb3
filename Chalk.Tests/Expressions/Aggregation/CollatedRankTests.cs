using System.Globalization;
using Apache.Arrow;
using Chalk.Expressions.Aggregation;

namespace Chalk.Tests.Expressions.Aggregation;

/// <summary>The ranks string values, keys and minima aggregate by: under a culture they order exactly as that culture's
/// <see cref="CompareInfo.Compare(string, string)"/> (what LINQ's default comparer uses), ties included; without one,
/// as <see cref="string.CompareOrdinal(string, string)"/>.</summary>
public sealed class CollatedRankTests
{
    private static readonly string[] Pieces =
        ["", "a", "A", "b", "B", "é", "e\u0301", "E", "-", "co", "op", "\u00AD", "ß", "ss", "ö", "z", "Z", "1", "10", "2", " ", "😀", "\uFFFD", "ı", "I", "i"];

    private static string[] RandomStrings(int seed, int count)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => string.Concat(Enumerable.Range(0, rng.Next(4)).Select(_ => Pieces[rng.Next(Pieces.Length)]))).ToArray();
    }

    private static (StringArray Array, string?[] Values) Column(string?[] values)
    {
        var b = new StringArray.Builder();
        foreach (var v in values)
        {
            if (v is null) b.AppendNull();
            else b.Append(v);
        }
        return (b.Build(), values);
    }

    [TestCase("en-US")]
    [TestCase("sv-SE")]
    [TestCase("tr-TR")]
    [TestCase("")]
    public void Ranks_under_a_culture_order_as_its_compare(string culture)
    {
        var info = CultureInfo.GetCultureInfo(culture).CompareInfo;
        for (int seed = 0; seed < 20; seed++)
        {
            var values = RandomStrings(seed, 1 + seed * 7).Select((v, i) => i % 11 == 5 ? null : v).ToArray();
            var (array, _) = Column(values);
            var validity = array.NullCount == 0 ? null : ValidityWords(array);
            var ranks = Utf8Ordinal.Ranks(array, validity, info);
            for (int i = 0; i < values.Length; i++)
            {
                for (int j = 0; j < values.Length; j++)
                {
                    if (values[i] is null || values[j] is null) continue;
                    int expected = Math.Sign(info.Compare(values[i], values[j]));
                    Assert.That(Math.Sign(ranks[i].CompareTo(ranks[j])), Is.EqualTo(expected), $"\"{values[i]}\" vs \"{values[j]}\" under '{culture}'");
                }
            }
        }
    }

    [TestCase("en-US")]
    [TestCase("sv-SE")]
    public void Ranks_of_long_values_order_as_the_culture_compares(string culture)
    {
        // Values long enough that their sort keys outgrow the first key buffer (and need measuring), and values that
        // differ only at their end.
        var info = CultureInfo.GetCultureInfo(culture).CompareInfo;
        var rng = new Random(11);
        var values = Enumerable.Range(0, 120).Select(i =>
        {
            var head = string.Concat(Enumerable.Range(0, rng.Next(0, 400)).Select(_ => Pieces[rng.Next(Pieces.Length)]));
            return i % 3 == 0 ? head + "a" : i % 3 == 1 ? head + "B" : head;
        }).ToArray();
        var (array, _) = Column(values);
        var ranks = Utf8Ordinal.Ranks(array, null, info);
        for (int i = 0; i < values.Length; i++)
        {
            for (int j = 0; j < values.Length; j++)
                Assert.That(Math.Sign(ranks[i].CompareTo(ranks[j])), Is.EqualTo(Math.Sign(info.Compare(values[i], values[j]))), $"rows {i} and {j} under '{culture}'");
        }
    }

    [TestCase("en-US")]
    [TestCase("da-DK")]
    [TestCase("tr-TR")]
    [TestCase("")]
    public void Ranks_of_values_ordered_alike_ordinally_and_by_the_culture_order_as_its_compare(string culture)
    {
        // Plates and zero-padded codes order the same ordinally and by these cultures (the ranks then skip sort keys);
        // each seed adds one value that breaks that somewhere (a lower-case plate, a Danish "aa" after "z", a dotless ı,
        // a soft hyphen that ties with its plain neighbour), and odd seeds add none.
        var info = CultureInfo.GetCultureInfo(culture).CompareInfo;
        string[] breakers = ["ab-1234", "AA-1000", "aa", "zz", "ı", "I", "A\u00ADB-1234", "AB-1234\u00AD", "é", "E\u0301"];
        for (int seed = 0; seed < 24; seed++)
        {
            var rng = new Random(seed);
            var values = new List<string?>();
            for (int i = 0; i < 150; i++)
            {
                values.Add(i % 3 == 0
                    ? (rng.Next(100_000)).ToString("D6", CultureInfo.InvariantCulture)
                    : $"{(char)('A' + rng.Next(26))}{(char)('A' + rng.Next(26))}-{rng.Next(1000, 10_000)}");
            }
            if (seed % 2 == 0) values.Insert(rng.Next(values.Count), breakers[seed / 2 % breakers.Length]);
            if (seed % 4 == 0) values.Add(null);
            var (array, _) = Column([.. values]);
            var ranks = Utf8Ordinal.Ranks(array, array.NullCount == 0 ? null : ValidityWords(array), info);
            for (int i = 0; i < values.Count; i++)
            {
                for (int j = 0; j < values.Count; j++)
                {
                    if (values[i] is null || values[j] is null) continue;
                    Assert.That(Math.Sign(ranks[i].CompareTo(ranks[j])), Is.EqualTo(Math.Sign(info.Compare(values[i], values[j]))),
                        $"\"{values[i]}\" vs \"{values[j]}\" under '{culture}', seed {seed}");
                }
            }
        }
    }

    [Test]
    public void Two_values_the_culture_ties_share_a_rank_though_ordinal_order_tells_them_apart()
    {
        var info = CultureInfo.GetCultureInfo("en-US").CompareInfo;
        // Ordinally "aa" < "ab" < "a\u00ADb", and the culture agrees on every pair but the last, which it ties.
        var (array, _) = Column(["a\u00ADb", "aa", "ab", "aa"]);
        Assert.That(Utf8Ordinal.Ranks(array, null, info), Is.EqualTo(new[] { 1, 0, 1, 0 }));
    }

    [Test]
    public void Ordinal_ranks_order_as_compare_ordinal_and_tie_only_equal_strings()
    {
        var values = RandomStrings(99, 300);
        var (array, _) = Column(values);
        var ranks = Utf8Ordinal.Ranks(array, null);
        for (int i = 0; i < values.Length; i++)
        {
            for (int j = 0; j < values.Length; j++)
                Assert.That(Math.Sign(ranks[i].CompareTo(ranks[j])), Is.EqualTo(Math.Sign(string.CompareOrdinal(values[i], values[j]))));
        }
    }

    [Test]
    public void Ordinal_ranks_of_values_of_every_length_in_a_sliced_column_tie_only_equal_strings()
    {
        // Lengths around the hash's 8- and 16-byte loads, values differing only in their first, middle or last byte,
        // enough distinct values to grow the table several times, read through a slice of a larger column.
        var rng = new Random(7);
        var values = new List<string>();
        for (int i = 0; i < 3000; i++)
        {
            int length = rng.Next(0, 41);
            var chars = Enumerable.Range(0, length).Select(_ => "aAb7-"[rng.Next(5)]).ToArray();
            values.Add(new string(chars));
            if (length > 0)
            {
                chars[rng.Next(length)] = 'é';
                values.Add(new string(chars));
            }
        }
        var (whole, _) = Column(["skipped", .. values, "skipped too"]);
        var array = (StringArray)whole.Slice(1, values.Count);
        var ranks = Utf8Ordinal.Ranks(array, null);
        var byRank = new Dictionary<int, string>();
        for (int i = 0; i < values.Count; i++)
        {
            if (byRank.TryGetValue(ranks[i], out var seen)) Assert.That(values[i], Is.EqualTo(seen), $"rank {ranks[i]}");
            else byRank[ranks[i]] = values[i];
        }
        Assert.That(byRank.Count, Is.EqualTo(values.Distinct(StringComparer.Ordinal).Count()));
        var sorted = byRank.OrderBy(p => p.Key).Select(p => p.Value).ToArray();
        Assert.That(sorted, Is.EqualTo(sorted.Order(StringComparer.Ordinal).ToArray()));
    }

    [Test]
    public void An_empty_column_has_no_ranks() =>
        Assert.That(Utf8Ordinal.Ranks(new StringArray.Builder().Build(), null, CultureInfo.InvariantCulture.CompareInfo), Is.Empty);

    private static ulong[] ValidityWords(StringArray array)
    {
        var words = new ulong[(array.Length + 63) / 64];
        for (int i = 0; i < array.Length; i++)
        {
            if (array.IsValid(i)) words[i >> 6] |= 1UL << i;
        }
        return words;
    }
}
