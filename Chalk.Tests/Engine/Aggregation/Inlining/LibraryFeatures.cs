namespace Chalk.Tests.Engine.Aggregation.Inlining;

/// <summary>A library branch whose features aggregate its loans, most of them over loan features that C# resolvers
/// compute: the pushdown inlines those resolvers' lifted expressions where that is exact, and computes the rest in the engine.</summary>
[Features(Name = "library")]
public class Library
{
    [Primary] public long Id { get; init; }
    public string Name { get; init; } = "";
    public DataFrame<Loan> Loans { get; init; } = [];

    // Inlined: loan features computed by lifted resolvers from columns loans.chalk.sql selects.
    [MaxStaleness("1h")] public double TotalDaysLate => Loans.Sum(l => l.DaysLate ?? 0);
    public double? WorstDaysLate => Loans.Max(l => l.DaysLate);
    public double? AverageDaysLate => Loans.Average(l => l.DaysLate);
    public int VeryLateLoans => Loans.Count(l => l.DaysLate > 14);
    public double TotalFees => Loans.Sum(l => l.Fee);
    public double? LowestFee => Loans.Min(l => (double?)l.Fee);
    public double? HighestFee => Loans.Max(l => (double?)l.Fee);
    public double? LatestWear => Loans.MaxBy(l => l.LoanedAt)?.Wear;
    public double? MostWorn => Loans.Max(l => l.Wear);
    public int DistinctWear => Loans.Select(l => l.Wear).Distinct().Count();

    // The loan's computed properties are lifted into these bodies (the lifter inlines getters), so they read the
    // resolver-computed features above, inlined in turn.
    public int OverdueLoans => Loans.Count(l => l.IsOverdue);
    public bool AnyCostlyDelay => Loans.Any(l => l.FeePerDayLate > 1);

    // Inlined recursively: a resolver over two features that resolvers compute.
    public double TotalLateFees => Loans.Sum(l => l.LateFee ?? 0);
    public double? LargestLateFee => Loans.Max(l => l.LateFee);

    [Windowed("7d", "30d")]
    public double RecentFees(Window w) => Loans.Where(l => l.LoanedAt >= w.Start).Sum(l => l.Fee);

    // Not inlined: the resolver can fail (checked arithmetic), or reads a feature from another source.
    public int TotalPagesRead => Loans.Sum(l => l.PagesRead);
    public double? WorstCondition => Loans.Max(l => (double?)l.Condition);
    public double DepositsHeld => Loans.Sum(l => l.Deposit ?? 0);
    public double ReplacementsDue => Loans.Sum(l => l.ReplacementDue ?? 0);

    // Inlinable, but then the aggregate has no faithful DuckDB form: computed in the engine.
    public float? MostAppealing => Loans.Max(l => (float?)l.Appeal);
}

/// <summary>One loan of a library. Some rows of the table hold NULL in <see cref="DueAt"/> and <see cref="Pages"/>,
/// which the C# declares non-nullable: the resolvers that take them as required parameters give null there.</summary>
[Features(Name = "loan")]
public class Loan
{
    [Primary] public long Id { get; init; }
    public long LibraryId { get; init; }
    [FeatureTime] public DateTime LoanedAt { get; init; }
    public DateTime DueAt { get; init; }
    public DateTime? ReturnedAt { get; init; }
    public double DailyRate { get; init; }
    public double? Waiver { get; init; }
    public int Pages { get; init; }
    public int? Copies { get; init; }
    public double? MemberDeposit { get; init; }
    public float Rating { get; init; }
    public long BookId { get; init; }
    public Book? Book { get; init; }

    // A child feature's staleness does not matter: features of has-many child rows are never cached (online-store.md).
    [MaxStaleness("1h")] public double? DaysLate { get; init; }
    public double Fee { get; init; }
    public double? Wear { get; init; }
    public double? LateFee { get; init; }
    public int PagesRead { get; init; }
    public double Condition { get; init; }
    public double? Deposit { get; init; }
    public double? ReplacementDue { get; init; }
    public float Appeal { get; init; }

    public bool IsOverdue => DaysLate > 0;
    public double? FeePerDayLate => DaysLate > 0 ? Fee / DaysLate : null;
}

/// <summary>A book a loan lends, looked up by its key.</summary>
[Features(Name = "book")]
public class Book
{
    [Primary] public long Id { get; init; }
    public double ReplacementCost { get; init; }
}

/// <summary>The loan features the SQL files do not select.</summary>
public static class LibraryResolvers
{
    /// <summary>Days between the due date and the return (negative when early); null while on loan. Lifts, cannot fail.</summary>
    [Resolver(Output = "loan.days_late")]
    public static double? DaysLate(DateTime? returnedAt, DateTime dueAt)
        => returnedAt is null ? null : (returnedAt.Value - dueAt).TotalDays;

    /// <summary>Three days' rate less the waiver: NaN and infinities pass through as C# computes them.</summary>
    [Resolver(Output = "loan.fee")]
    public static double Fee(double dailyRate, double? waiver)
        => waiver is null ? dailyRate * 3 : dailyRate * 3 - waiver.Value;

    /// <summary>Pages per copy; null without copies.</summary>
    [Resolver(Output = "loan.wear")]
    public static double? Wear(int pages, int? copies)
        => copies is null || copies.Value == 0 ? null : (double)pages / copies.Value;

    /// <summary>A day's fee for each day late, none when on time: reads two features resolvers compute.</summary>
    [Resolver(Output = "loan.late_fee")]
    public static double? LateFee(double? daysLate, double fee) => daysLate > 0 ? daysLate.Value * fee : 0;

    /// <summary>Throws on a negative copy count, so it is never inlined (the data has none: its values still agree).</summary>
    [Resolver(Output = "loan.condition")]
    public static double Condition(int? copies) => copies < 0 ? throw new InvalidOperationException("negative copies") : 1.0 / ((copies ?? 0) + 1);

    /// <summary>Checked: overflows on the huge page counts some rows have, so it is never inlined.</summary>
    [Resolver(Output = "loan.pages_read")]
    public static int PagesRead(int pages, int? copies) => checked(pages * (copies ?? 1));

    /// <summary>Lifts and cannot fail, but DuckDB computes a float <c>exp</c> in double, which can differ from
    /// <see cref="MathF.Exp"/> in the last bit: the pushdown refuses it.</summary>
    [Resolver(Output = "loan.appeal")]
    public static float Appeal(float rating) => MathF.Exp(rating / 5f);

    /// <summary>Reads a feature through the loan's book (a relation), so it is never inlined.</summary>
    [Resolver(Output = "loan.replacement_due")]
    public static double? ReplacementDue(DateTime? returnedAt, [Feature("loan.book.replacement_cost")] double cost)
        => returnedAt is null ? cost : null;

    /// <summary>Reads the member's deposit, which another source (SQLite) holds, so it is never inlined.</summary>
    [Resolver(Output = "loan.deposit")]
    public static double? Deposit(double? memberDeposit, double dailyRate)
        => memberDeposit is null ? null : memberDeposit.Value + dailyRate;
}
