using Chalk.Sql.Sources;
using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Engine.Aggregation.Inlining;

/// <summary>Deterministic random libraries and loans, loaded into DuckDB (loans) and SQLite (members' deposits), and kept
/// as rows for the LINQ oracle.</summary>
/// <remarks>
/// Libraries 31–40 have no loans. Rows hold NULL where the C# type is non-nullable (<c>due_at</c>, <c>pages</c>), NaN and
/// infinities in the rates and waivers, zero copies, and page counts that overflow a checked product. Times are whole
/// seconds, so as-of times land exactly on loan times.
/// </remarks>
internal sealed class LibraryData : IAsyncDisposable
{
    public const string LibrariesSql = "-- resolves: Library\n-- source: books\nselect id, name from libraries where id = ${library.id}\n";
    public const string LoansSql = "-- resolves: Loan\n-- source: books\n" +
        "select id, library_id, loaned_at, due_at, returned_at, daily_rate, waiver, pages, copies, rating, book_id from loans\n";
    public const string BooksSql = "-- resolves: Book\n-- source: books\nselect id, replacement_cost from books where id = ${book.id}\n";
    public const string DepositsSql = "-- resolves: Loan\n-- source: members\nselect loan_id as id, member_deposit from deposits where loan_id = ${loan.id}\n";

    public static readonly DateTime Epoch = new(2026, 3, 1, 0, 0, 0);

    private readonly string _sqlitePath = Path.Combine(Path.GetTempPath(), $"chalk-library-{Guid.NewGuid():N}.sqlite");

    public DuckDbSource Books { get; } = new("Data Source=:memory:");

    public List<LoanRow> Loans { get; } = [];

    public int LibraryCount => 40;

    public DateTime Now => Epoch.AddDays(70);

    public static async Task<LibraryData> CreateAsync(int seed, int loans)
    {
        var data = new LibraryData();
        var rnd = new Random(seed);
        for (int i = 1; i <= loans; i++)
        {
            var loanedAt = Epoch.AddSeconds(rnd.Next(60 * 86400));
            data.Loans.Add(new LoanRow(
                Id: i,
                LibraryId: 1 + rnd.Next(30),
                LoanedAt: loanedAt,
                DueAt: rnd.Next(12) == 0 ? null : loanedAt.AddDays(14),
                ReturnedAt: rnd.Next(4) == 0 ? null : loanedAt.AddSeconds(rnd.Next(40 * 86400)),
                DailyRate: rnd.Next(20) switch { 0 => double.NaN, 1 => double.PositiveInfinity, 2 => double.NegativeInfinity, 3 => 0, _ => Math.Round(rnd.NextDouble() * 2, 2) },
                Waiver: rnd.Next(3) == 0 ? null : rnd.Next(15) == 0 ? double.NaN : Math.Round(rnd.NextDouble() * 3, 1),
                Pages: rnd.Next(10) == 0 ? null : rnd.Next(25) == 0 ? 1_500_000_000 : rnd.Next(50, 900),
                Copies: rnd.Next(5) == 0 ? null : rnd.Next(10) == 0 ? 0 : rnd.Next(1, 5),
                MemberDeposit: rnd.Next(2) == 0 ? null : Math.Round(rnd.NextDouble() * 50, 2),
                Rating: rnd.Next(30) == 0 ? float.NaN : (float)rnd.NextDouble() * 5));
        }
        await data.LoadAsync();
        return data;
    }

    /// <summary>Engines over this data: inlining on (the default) or off (computed loan features in the engine); without
    /// an online store unless <paramref name="store"/> (the engine's in-memory one, on <paramref name="clock"/>).</summary>
    public ChalkEngine BuildEngine(bool inline = true, bool lifting = true, TimeProvider? clock = null, bool store = false)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Library), typeof(Loan), typeof(Book), typeof(LibraryResolvers))
            .AddSource("books", Books, disposeWithEngine: false)
            .AddSource("members", new SqliteSource("Data Source=" + _sqlitePath))
            .AddSqlResolver("libraries.chalk.sql", LibrariesSql)
            .AddSqlResolver("loans.chalk.sql", LoansSql)
            .AddSqlResolver("deposits.chalk.sql", DepositsSql)
            .AddSqlResolver("books.chalk.sql", BooksSql)
            .WithTimeProvider(clock ?? new FixedClock(Now));
        if (!store) builder = builder.WithoutOnlineStore();
        if (!inline) builder = builder.WithoutChildResolverInlining();
        if (!lifting) builder = builder.DisableLifting();
        return builder.Build();
    }

    /// <summary>The library as LINQ to objects sees it at <paramref name="asOf"/>: its loans up to then, in key order, with
    /// each computed loan feature set as the method resolver gives it (null where a required argument is null).</summary>
    public Library At(long id, DateTime asOf) => new()
    {
        Id = id,
        Name = $"branch {id}",
        Loans = new DataFrame<Loan>(Loans.Where(l => l.LibraryId == id && l.LoanedAt <= asOf).OrderBy(l => l.Id).Select(l => new Loan
        {
            Id = l.Id,
            LibraryId = l.LibraryId,
            LoanedAt = l.LoanedAt,
            DaysLate = l.DueAt is { } due ? LibraryResolvers.DaysLate(l.ReturnedAt, due) : null,
            Fee = LibraryResolvers.Fee(l.DailyRate, l.Waiver),
            Wear = l.Pages is { } pages ? LibraryResolvers.Wear(pages, l.Copies) : null,
            // Days late is null without a due date, which LateFee takes as it is (its parameter is nullable).
            LateFee = LibraryResolvers.LateFee(l.DueAt is { } due2 ? LibraryResolvers.DaysLate(l.ReturnedAt, due2) : null, LibraryResolvers.Fee(l.DailyRate, l.Waiver)),
            Deposit = LibraryResolvers.Deposit(l.MemberDeposit, l.DailyRate),
        })),
    };

    private async Task LoadAsync()
    {
        await Books.UseConnectionAsync(c =>
        {
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = """
                    create or replace table libraries(id bigint, name varchar);
                    create or replace table loans(id bigint, library_id bigint, loaned_at timestamp, due_at timestamp, returned_at timestamp,
                        daily_rate double, waiver double, pages integer, copies integer, rating float, book_id bigint);
                    create or replace table books as select i as id, cast(5 + i % 40 as double) as replacement_cost from range(1, 101) t(i);
                    """;
                cmd.ExecuteNonQuery();
            }
            using (var libraries = c.CreateAppender("libraries"))
            {
                for (long id = 1; id <= LibraryCount; id++) libraries.CreateRow().AppendValue(id).AppendValue($"branch {id}").EndRow();
            }
            // Shuffled, so nothing relies on the order DuckDB returns rows in.
            using var appender = c.CreateAppender("loans");
            foreach (var l in Loans.OrderBy(l => (l.Id * 7919) % 1009))
            {
                var row = appender.CreateRow().AppendValue(l.Id).AppendValue(l.LibraryId).AppendValue(l.LoanedAt);
                row = l.DueAt is { } due ? row.AppendValue(due) : row.AppendNullValue();
                row = l.ReturnedAt is { } back ? row.AppendValue(back) : row.AppendNullValue();
                row = row.AppendValue(l.DailyRate);
                row = l.Waiver is { } w ? row.AppendValue(w) : row.AppendNullValue();
                row = l.Pages is { } p ? row.AppendValue(p) : row.AppendNullValue();
                row = l.Copies is { } n ? row.AppendValue(n) : row.AppendNullValue();
                row = row.AppendValue(l.Rating);
                // Books 1–110: the last ten name no book, so their loans have none.
                row.AppendValue(1 + l.Id % 110).EndRow();
            }
            return Task.CompletedTask;
        });
        await using var sqlite = new SqliteConnection($"Data Source={_sqlitePath};Pooling=False");
        await sqlite.OpenAsync();
        await using (var create = sqlite.CreateCommand())
        {
            create.CommandText = "create table deposits(loan_id integer primary key, member_deposit real)";
            await create.ExecuteNonQueryAsync();
        }
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var insert = sqlite.CreateCommand();
        insert.CommandText = "insert into deposits values ($id, $deposit)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var deposit = insert.Parameters.Add("$deposit", SqliteType.Real);
        foreach (var l in Loans.Where(l => l.MemberDeposit is not null))
        {
            id.Value = l.Id;
            deposit.Value = l.MemberDeposit!.Value;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Books.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_sqlitePath);
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}

/// <summary>A loan as stored: nullable where the table can hold NULL.</summary>
internal sealed record LoanRow(long Id, long LibraryId, DateTime LoanedAt, DateTime? DueAt, DateTime? ReturnedAt, double DailyRate, double? Waiver,
    int? Pages, int? Copies, double? MemberDeposit, float Rating);
