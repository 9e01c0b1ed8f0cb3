using Chalk.Store;
using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Store;

/// <summary>What only <see cref="SqliteOnlineStore"/> does: the file outlives the store, a row it cannot decode is a
/// miss, expired rows are deleted, and a file it cannot use is an error naming the file.</summary>
public sealed class SqliteOnlineStoreTests
{
    private const string Feature = "user.name";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chalk-store-sqlite-" + Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new();
    private string _path = "";

    [OneTimeSetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder);

    [OneTimeTearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [SetUp]
    public void NameAFile() => _path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");

    private SqliteOnlineStore Open() => new(_path, _clock);

    private static StoreWrite Write(object entity, object? value, TimeSpan? timeToLive = null, string feature = Feature) =>
        new(new StoreKey(feature, entity), new StoredValue(value, FeatureValueSamples.ComputedAt), timeToLive);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Test]
    public async Task Entries_outlive_the_store_that_wrote_them()
    {
        await using (var store = Open())
            await store.WriteAsync([Write(1L, "ada"), Write("b", "bo", TimeSpan.FromHours(1)), Write(3L, "brief", TimeSpan.FromMinutes(1))]);
        Assert.That(File.Exists(_path + "-wal"), Is.False, "dispose closed the file (the last close removes the WAL)");
        _clock.Advance(TimeSpan.FromMinutes(30));
        await using var reopened = Open();
        var read = await reopened.ReadAsync([new(Feature, 1), new(Feature, "b"), new(Feature, 3L)]);
        Assert.That(read.Select(r => r?.Value), Is.EqualTo(new object?[] { "ada", "bo", null }));
        Assert.That(read[0]?.ComputedAt, Is.EqualTo(FeatureValueSamples.ComputedAt));
    }

    [TestCase("x'DEADBEEF'", TestName = "A row whose value is garbage bytes reads as a miss")]
    [TestCase("x''", TestName = "A row whose value is empty reads as a miss")]
    [TestCase("x'02060000000000000000'", TestName = "A row whose value is of another format version reads as a miss")]
    [TestCase("'text, not bytes'", TestName = "A row whose value is text reads as a miss")]
    [TestCase("42", TestName = "A row whose value is an integer reads as a miss")]
    public async Task A_row_that_does_not_decode_reads_as_a_miss(string garbage)
    {
        await using var store = Open();
        await store.WriteAsync([Write(1L, "spoiled"), Write(2L, "fine")]);
        await ScalarAsync($"update {SqliteOnlineStore.TableName} set value = {garbage} where entity = cast('i:1' as blob)");
        var read = await store.ReadAsync([new(Feature, 1L), new(Feature, 2L)]);
        Assert.That(read.Select(r => r?.Value), Is.EqualTo(new object?[] { null, "fine" }));
    }

    [Test]
    public async Task Rows_are_keyed_by_feature_and_tagged_entity_in_a_WAL_file()
    {
        await using var store = Open();
        await store.WriteAsync([Write(7, 1L), Write("a\0b", 2L)]);
        Assert.That(await ScalarAsync("pragma journal_mode"), Is.EqualTo("wal"));
        Assert.That(await ScalarAsync($"select group_concat(hex(entity), ' ') from (select entity from {SqliteOnlineStore.TableName} order by entity)"),
            Is.EqualTo(Convert.ToHexString("i:7"u8) + " " + Convert.ToHexString("s:a\0b"u8)));
    }

    [Test]
    public async Task Feature_names_with_quotes_are_bound_not_spliced()
    {
        await using var store = Open();
        string hostile = "user.name'); drop table online_store; --";
        await store.WriteAsync([Write("o'brien", "quoted", feature: hostile)]);
        Assert.That((await store.ReadAsync([new(hostile, "o'brien")]))[0]?.Value, Is.EqualTo("quoted"));
        Assert.That(await ScalarAsync($"select count(*) from {SqliteOnlineStore.TableName}"), Is.EqualTo(1L));
    }

    [Test]
    public async Task A_write_after_the_purge_interval_deletes_expired_rows()
    {
        await using var store = Open();
        await store.WriteAsync([Write(1L, "brief", TimeSpan.FromSeconds(5)), Write(2L, "lasting")]);
        _clock.Advance(SqliteOnlineStore.PurgeInterval);
        await store.WriteAsync([Write(3L, "later")]);
        Assert.That(await ScalarAsync($"select group_concat(cast(entity as text), ',') from {SqliteOnlineStore.TableName}"), Is.EqualTo("i:2,i:3"));
    }

    [Test]
    public async Task It_is_named_after_its_file_and_refuses_use_after_dispose()
    {
        var store = Open();
        Assert.That(store.Name, Is.EqualTo("sqlite " + Path.GetFullPath(_path)));
        await store.DisposeAsync();
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.ReadAsync([new(Feature, 1L)]));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.WriteAsync([Write(1L, "x")]));
    }

    [Test]
    public void A_folder_that_does_not_exist_is_a_store_error_naming_the_path()
    {
        string path = Path.Combine(_folder, "missing", "store.db");
        var ex = Assert.Throws<ChalkStoreException>(() => new SqliteOnlineStore(path));
        Assert.That(ex!.Message, Does.Contain(path).And.Contain("folder exists"));
        Assert.That(Directory.Exists(Path.GetDirectoryName(path)), Is.False);
    }

    [Test]
    public void A_path_that_is_a_folder_is_a_store_error_naming_the_path()
    {
        var ex = Assert.Throws<ChalkStoreException>(() => new SqliteOnlineStore(_folder));
        Assert.That(ex!.Message, Does.Contain(_folder).And.Contain("not a folder"));
    }

    [Test]
    public void A_file_that_is_not_a_database_is_a_store_error_naming_the_path()
    {
        File.WriteAllText(_path, new string('#', 4096));
        var ex = Assert.Throws<ChalkStoreException>(() => Open());
        Assert.That(ex!.Message, Does.Contain(_path).And.Contain("not a SQLite database"));
    }

    [Test]
    public async Task A_database_with_another_online_store_table_is_a_store_error_naming_the_path()
    {
        await ScalarAsync($"create table {SqliteOnlineStore.TableName} (key text primary key, payload blob)");
        var ex = Assert.Throws<ChalkStoreException>(() => Open());
        Assert.That(ex!.Message, Does.Contain(_path).And.Contain("key, payload"));
    }
}
