using Apache.Arrow;
using Chalk.Sql.Sources;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Chalk.Tests.Engine.ExternalCalls;

// A library shelf: two overloads of one method answer different features from the same title, both cached.

[Features]
public class ShelfBook
{
    [Primary] public long Id { get; init; }
    public string? Title { get; init; }
    public string? Genre { get; init; }
    public string? Audience { get; init; }
}

public static class ShelfResolvers
{
    [Resolver(Output = "shelf_book.genre", CacheFor = "1d")]
    public static async Task<string?> Classify(string? title, IChatClient chat)
        => (await chat.GetResponseAsync($"genre of: {title}")).Text;

    [Resolver(Output = "shelf_book.audience", CacheFor = "1d")]
    public static async Task<string?> Classify(string? title, IChatClient chat, CancellationToken cancellationToken)
        => (await chat.GetResponseAsync($"audience of: {title}", cancellationToken: cancellationToken)).Text;
}

/// <summary>Answers by the prompt's first word, and counts calls.</summary>
public sealed class ShelfChatClient : IChatClient
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var prompt = string.Concat(messages.Select(m => m.Text));
        var answer = prompt.StartsWith("genre", StringComparison.Ordinal) ? "mystery" : "adults";
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("whole responses only");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}

/// <summary>A cached call's entry belongs to its resolver alone: overloads of one method, fed the same arguments,
/// never answer each other's features from the store.</summary>
public sealed class CallCacheKeyTests
{
    [Test]
    public async Task Overloads_asked_for_together_are_two_steps_of_the_plan()
    {
        var chat = new ShelfChatClient();
        await using var db = await Books();
        await using var engine = Build(db, chat);
        var both = await engine.QueryAsync(new Dictionary<string, object?> { ["shelf_book.id"] = 2L }, ["shelf_book.genre", "shelf_book.audience"]);
        Assert.That(both.Get<string>("shelf_book.genre"), Is.EqualTo("mystery"));
        Assert.That(both.Get<string>("shelf_book.audience"), Is.EqualTo("adults"));
        Assert.That(engine.Explain(["shelf_book.id"], ["shelf_book.genre", "shelf_book.audience"]),
            Does.Contain("ShelfResolvers.Classify(string, IChatClient)").And.Contain("ShelfResolvers.Classify(string, IChatClient, CancellationToken)"));
    }

    [Test]
    public async Task Overloads_with_the_same_arguments_keep_separate_cache_entries()
    {
        var chat = new ShelfChatClient();
        await using var db = await Books();
        await using var engine = Build(db, chat);

        var genre = await engine.QueryAsync(new Dictionary<string, object?> { ["shelf_book.id"] = 1L }, ["shelf_book.genre"]);
        Assert.That(genre.Get<string>("shelf_book.genre"), Is.EqualTo("mystery"));
        await engine.FlushOnlineStoreAsync();

        var audience = await engine.QueryAsync(new Dictionary<string, object?> { ["shelf_book.id"] = 1L }, ["shelf_book.audience"]);
        Assert.That(audience.Get<string>("shelf_book.audience"), Is.EqualTo("adults"), "the other overload's cached answer must not be served");
        Assert.That(chat.Calls, Is.EqualTo(2));

        await engine.FlushOnlineStoreAsync();
        var both = await engine.QueryAsync(new Dictionary<string, object?> { ["shelf_book.id"] = 1L }, ["shelf_book.genre", "shelf_book.audience"]);
        Assert.That(both.Get<string>("shelf_book.genre"), Is.EqualTo("mystery"));
        Assert.That(both.Get<string>("shelf_book.audience"), Is.EqualTo("adults"));
        Assert.That(chat.Calls, Is.EqualTo(2), "both answers now come from the store");
    }

    private static async Task<DuckDbSource> Books()
    {
        var db = new DuckDbSource("Data Source=:memory:");
        await db.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "create table books(id bigint, title varchar); insert into books values (1, 'The Hound'), (2, 'Moon Tales');";
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        return db;
    }

    private static ChalkEngine Build(DuckDbSource db, ShelfChatClient chat) => ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(ShelfBook), typeof(ShelfResolvers))
            .AddSource("db", db, disposeWithEngine: false)
            .AddSqlResolver("books.chalk.sql", "-- resolves: ShelfBook\n-- source: db\nselect id, title from books\n")
            .WithServices(new ServiceCollection().AddSingleton<IChatClient>(chat).BuildServiceProvider())
            .Build();
}
