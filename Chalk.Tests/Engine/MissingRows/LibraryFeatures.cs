using Chalk;

namespace Chalk.Tests.Engine.MissingRows;

// A lending library: books by authors, lent to members. Authors and books live in DuckDB, loans in DuckDB too
// (so their aggregates push down), members in SQLite (so aggregates reading them run in the engine).

[Features]
public class LibAuthor
{
    [Primary] public long Id { get; init; }
    public string? Name { get; init; }
    public int BirthYear { get; init; }
    public DataFrame<LibBook> Books { get; init; } = [];
    public long BookCount => Books.Count();
}

[Features]
public class LibBook
{
    [Primary] public long Id { get; init; }
    public long? AuthorId { get; init; }
    public LibAuthor? Author { get; init; }
    public string? Title { get; init; }
    public double Price { get; init; }
    public DataFrame<LibLoan> Loans { get; init; } = [];
    public long Shelf { get; init; }
    public long Checksum { get; init; }

    // Lifted: a missing author (null or dangling key) is null here, so these are the truth for "does the row exist".
    public bool HasAuthor => Author is not null;
    public string AuthorLabel => Author?.Name ?? "anonymous";
    public long LoanCount => Loans.Count();
    public double LoanDays => Loans.Sum(l => (double)l.Days);
    public bool EverLent => Loans.Any();
    public long LoansByKnownMembers => Loans.Count(l => l.Member != null);
    public long AuthorBooks => Author?.BookCount ?? -1;

    // Not lifted (a loop): the same facts through the per-row fallback.
    public int TitleVowels
    {
        get
        {
            int n = 0;
            foreach (var c in Title ?? "") if ("aeiou".Contains(c)) n++;
            return n;
        }
    }

    // Reads Price only inside a helper of another class: the per-row path must still build the object with it.
    public double PriceWithTax => LibPricing.WithTax(this);

    [Windowed("30d", "3650d")]
    public long RecentLoans(Window w) => Loans.Count(l => l.LentAt >= w.Start);
}

[Features]
public class LibLoan
{
    [Primary] public long Id { get; init; }
    public long BookId { get; init; }
    public long? MemberId { get; init; }
    public LibMember? Member { get; init; }
    public LibBook? Book { get; init; }
    public int Days { get; init; }
    public DateTime LentAt { get; init; }
}

[Features]
public class LibMember
{
    [Primary] public long Id { get; init; }
    public string? Email { get; init; }
}

public static class LibPricing
{
    public static double WithTax(LibBook book) => book.Price * 1.25;
}

public static class LibResolvers
{
    // Every parameter nullable: before the missing-row rule, a missing book called this with nulls and got -1.
    [Resolver(Output = "lib_book.shelf")]
    public static long Shelf(string? title, double? price) => title is null && price is null ? -1 : (title?.Length ?? 0) + (long)(price ?? 0);

    // Not liftable (a loop), so it runs per row; must not be called for a missing book either.
    [Resolver(Output = "lib_book.checksum")]
    public static long Checksum(string? title)
    {
        long sum = 7;
        foreach (var c in title ?? "") sum = sum * 31 + c;
        return sum;
    }
}
