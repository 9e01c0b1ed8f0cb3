using System.Diagnostics;
using Apache.Arrow;
using Chalk.Sql.Sources;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Chalk.Tests.Engine.ExternalCalls;

/// <summary>Async resolvers that call another service (an LLM through IChatClient): concurrent up to their cap, cut off at
/// their timeout, retried on transient failures, a failed call an error of its row only, results cached by their
/// arguments in the online store, never lifted.</summary>
public sealed class ExternalCallTests
{
    private const string Tickets = "-- resolves: DeskTicket\n-- source: db\nselect id, subject from tickets\n";

    private DuckDbSource _db = null!;
    private RuleChatClient _chat = null!;

    [SetUp]
    public async Task SetUp()
    {
        _chat = new RuleChatClient();
        _db = new DuckDbSource("Data Source=:memory:");
        await _db.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                create table tickets(id bigint, subject varchar);
                insert into tickets select i, case when i % 2 = 0 then 'site down ' || i else 'invoice question ' || i end from range(1, 21) t(i);
                insert into tickets values (100, 'please stall'), (101, 'flaky line'), (102, 'refuse this'), (103, 'short one');
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
    }

    [TearDown]
    public async Task TearDown()
    {
        await _db.DisposeAsync();
        _chat.Dispose();
    }

    private ChalkEngine Build() => ChalkEngine.CreateBuilder()
        .AddFeatures(typeof(DeskTicket), typeof(DeskResolvers))
        .AddSource("db", _db, disposeWithEngine: false)
        .AddSqlResolver("tickets.chalk.sql", Tickets)
        .WithServices(new ServiceCollection().AddSingleton<IChatClient>(_chat).BuildServiceProvider())
        .Build();

    private static RecordBatch Ids(params long[] ids)
    {
        var array = new Int64Array.Builder().AppendRange(ids).Build();
        return new RecordBatch(new Schema([new Field("desk_ticket.id", array.Data.DataType, false)], null), [array], array.Length);
    }

    [Test]
    public async Task An_async_resolver_answers_each_row_concurrently_up_to_its_cap()
    {
        await using var engine = Build();
        var ids = Enumerable.Range(1, 20).Select(i => (long)i).ToArray();
        var result = await engine.QueryBatchDetailedAsync(Ids(ids), ["desk_ticket.urgency"]);
        Assert.That(result.Errors, Is.Empty);
        var urgency = (StringArray)result.Table.Column(0);
        Assert.That(Enumerable.Range(0, 20).Select(i => urgency.GetString(i)), Is.EqualTo(ids.Select(i => i % 2 == 0 ? "high" : "low")));
        Assert.That(_chat.Calls, Is.EqualTo(20));
        Assert.That(_chat.MaxInFlight, Is.EqualTo(3), "MaxConcurrency = 3, and 20 calls of 20 ms each overlap");
    }

    [Test]
    public async Task A_transient_failure_is_retried_and_a_lasting_one_is_an_error_of_its_row_only()
    {
        await using var engine = Build();
        _chat.FailTransiently("flaky", 2);
        var result = await engine.QueryBatchDetailedAsync(Ids(101, 102, 2), ["desk_ticket.urgency"]);
        var urgency = (StringArray)result.Table.Column(0);
        Assert.That(urgency.GetString(0), Is.EqualTo("low"), "two network errors, then an answer on the third attempt");
        Assert.That(urgency.IsNull(1), Is.True);
        Assert.That(urgency.GetString(2), Is.EqualTo("high"));
        Assert.That(result.Errors.Select(e => (e.Row, e.Message)), Is.EqualTo(new[]
        {
            (1, "DeskResolvers.Urgency threw InvalidOperationException: the model refused the prompt"),
        }), "a refusal is not transient, so it is not retried");
        Assert.That(_chat.Calls, Is.EqualTo(3 + 1 + 1));

        _chat.FailTransiently("flaky", 5);
        var exhausted = await engine.QueryAsync(new Dictionary<string, object?> { ["desk_ticket.id"] = 101L }, ["desk_ticket.urgency"]);
        Assert.That(exhausted.Errors.Single().Message, Is.EqualTo(
            "DeskResolvers.Urgency threw HttpRequestException: the model endpoint reset the connection (flaky) (after 3 attempts)"));
    }

    [Test]
    public async Task A_call_past_its_timeout_is_cancelled_and_reported_without_holding_the_query()
    {
        await using var engine = Build();
        var watch = Stopwatch.StartNew();
        var row = await engine.QueryAsync(new Dictionary<string, object?> { ["desk_ticket.id"] = 100L }, ["desk_ticket.urgency", "desk_ticket.subject"]);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "three attempts of 300 ms, not 30 s");
        Assert.That(row["desk_ticket.urgency"], Is.Null);
        Assert.That(row.Get<string>("desk_ticket.subject"), Is.EqualTo("please stall"));
        Assert.That(row.Errors.Single().Message, Is.EqualTo("DeskResolvers.Urgency did not answer within 300ms (after 3 attempts)"));
        Assert.That(_chat.Calls, Is.EqualTo(3), "a timeout is transient: retried twice");
    }

    [Test]
    public async Task Cached_results_answer_the_same_arguments_without_calling_again()
    {
        await using var engine = Build();
        var first = await engine.QueryBatchDetailedAsync(Ids(1, 3, 2), ["desk_ticket.team"]);
        Assert.That(((StringArray)first.Table.Column(0)).GetString(0), Is.EqualTo("billing"));
        Assert.That(_chat.Calls, Is.EqualTo(3));
        await engine.FlushOnlineStoreAsync();
        var second = await engine.QueryAsync(new Dictionary<string, object?> { ["desk_ticket.id"] = 3L }, ["desk_ticket.team"]);
        Assert.That(second.Get<string>("desk_ticket.team"), Is.EqualTo("billing"));
        Assert.That(_chat.Calls, Is.EqualTo(3), "the same subject is answered from the store");
        await engine.QueryAsync(new Dictionary<string, object?> { ["desk_ticket.id"] = 5L }, ["desk_ticket.team"]);
        Assert.That(_chat.Calls, Is.EqualTo(4), "a new subject is a new prompt");
    }

    [Test]
    public async Task A_batch_resolver_is_called_once_per_batch_and_a_wrong_answer_fails_only_that_batch()
    {
        await using var engine = Build();
        var result = await engine.QueryBatchDetailedAsync(Ids(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), ["desk_ticket.summary"]);
        Assert.That(result.Errors, Is.Empty);
        var summary = (StringArray)result.Table.Column(0);
        Assert.That(Enumerable.Range(0, 10).Select(i => summary.GetString(i)), Is.EqualTo(Enumerable.Range(1, 10).Select(i => i % 2 == 0 ? "SITE" : "INVOICE")));
        Assert.That(_chat.Calls, Is.EqualTo(3), "ten rows in batches of at most four");

        var mixed = await engine.QueryBatchDetailedAsync(Ids(1, 2, 3, 103, 5, 6), ["desk_ticket.summary"]);
        var values = (StringArray)mixed.Table.Column(0);
        Assert.That(Enumerable.Range(0, 6).Select(i => values.GetString(i)), Is.EqualTo(new string?[] { null, null, null, null, "INVOICE", "SITE" }));
        Assert.That(mixed.Errors.Select(e => e.Row), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(mixed.Errors[0].Message, Is.EqualTo(
            "DeskResolvers.Summaries threw InvalidOperationException: returned 3 values for 4 rows; a batch resolver returns one value per row, in order"));
        Assert.That(engine.Explain(["desk_ticket.id"], ["desk_ticket.summary"]), Does.Contain("up to 4 rows per call"));
    }

    [Test]
    public async Task No_call_is_made_for_a_ticket_that_does_not_exist()
    {
        await using var engine = Build();
        var row = await engine.QueryAsync(new Dictionary<string, object?> { ["desk_ticket.id"] = 999L }, ["desk_ticket.urgency"]);
        Assert.That(row.Found, Is.False);
        Assert.That(row.Errors, Is.Empty);
        Assert.That(_chat.Calls, Is.Zero);
    }

    [Test]
    public async Task Explain_shows_the_call_as_its_own_kind_and_why_it_is_not_lifted()
    {
        await using var engine = Build();
        var text = engine.Explain(["desk_ticket.id"], ["desk_ticket.urgency"]);
        Assert.That(text, Does.Contain("External DeskResolvers.Urgency(desk_ticket.subject) per row, async (timeout 300ms, up to 3 at once, 2 retries; not lifted: it awaits a call to another service)"));
        var mermaid = engine.Explain(["desk_ticket.id"], ["desk_ticket.urgency"], PlanFormat.Mermaid);
        Assert.That(mermaid, Does.Contain(":::externalcall"));
    }

    [Test]
    public void A_service_the_engine_does_not_have_is_a_definition_error_naming_the_parameter()
    {
        var error = Assert.Throws<ChalkDefinitionException>(() => ChalkEngine.CreateBuilder().AddFeatures(typeof(DeskTicket), typeof(DeskResolvers)).Build());
        Assert.That(error!.Message, Does.Contain("DeskResolvers.Urgency: parameter 'chat' is a IChatClient, which is neither a feature nor a service the engine has"));
        Assert.That(error.Message, Does.Contain("WithServices"));
    }
}
