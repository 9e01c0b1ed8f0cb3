using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Sql.Sources.Sqlite;

/// <summary>What each SQLite storage class becomes in each declared column type: the value, or the error that names
/// the column. SQLite stores a value with its own storage class whatever the column declares (a column declared
/// <c>INTEGER</c> keeps a real that is not integral, and text that is no number), so a source must read each cell
/// by its storage class. Domain: weather stations and their readings.</summary>
public sealed class SqliteCellTypeTests
{
    private readonly ScratchSqlite _file = new("chalk-sqlite-cells");
    private SqliteSource _source = null!;

    [OneTimeSetUp]
    public async Task CreateReadings()
    {
        // One table per declared type, each with a single column 'v': a row per case, keyed by 'id'.
        await _file.ExecuteAsync("""
            create table int_readings (id integer primary key, v INTEGER);
            create table real_readings (id integer primary key, v REAL);
            create table text_readings (id integer primary key, v TEXT);
            create table bool_readings (id integer primary key, v BOOLEAN);
            create table time_readings (id integer primary key, v TIMESTAMP);
            """);
        _source = new SqliteSource(_file.ConnectionString);
    }

    [OneTimeTearDown]
    public async Task DeleteFile()
    {
        await _source.DisposeAsync();
        _file.Delete();
    }

    // The cases below read through the function pointers into e_sqlite3 (SqliteNativeColumns); were they unavailable,
    // every case would still pass through SQLitePCL.raw and the pointer path would go untested.
    [Test]
    public async Task Cells_are_read_through_the_pointers_into_the_providers_own_library()
    {
        Assert.That(await ReadBack("int_readings", "42"), Is.EqualTo(42L));
        Assert.That(SqliteNativeColumns.Available, Is.True);
    }

    private static int s_next;

    // Inserts one cell (an SQL expression) into the table and reads it back through the source.
    private async Task<object?> ReadBack(string table, string cell)
    {
        int id = Interlocked.Increment(ref s_next);
        await _file.ExecuteAsync($"insert into {table} values ({id}, {cell})");
        using var result = await _source.QueryAsync(SqlText.Query($"select v from {table} where id = {{0}}", Int64Type.Default), SqlText.Longs(id));
        var rows = SqlText.Rows(result);
        Assert.That(rows, Has.Count.EqualTo(1));
        return rows[0].Values[0];
    }

    private async Task<string> ErrorOf(string table, string cell)
    {
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => ReadBack(table, cell));
        Assert.That(ex!.Message, Does.Contain("test.chalk.sql").And.Contain("column 'v'"));
        return ex.Message;
    }

    [TestCase("42", 42L)]
    [TestCase("-9223372036854775808", long.MinValue)]
    [TestCase("'17'", 17L, Description = "numeric text is stored as an integer (INTEGER affinity)")]
    [TestCase("3.0", 3L, Description = "a whole real is stored as an integer")]
    [TestCase("null", null)]
    public async Task Integer_column(string cell, object? expected)
        => Assert.That(await ReadBack("int_readings", cell), Is.EqualTo(expected));

    [TestCase("2.5", "(declared INTEGER): a Double value '2.5' cannot become int64")]
    [TestCase("'0x1A'", "a String value '0x1A' cannot become int64")]
    [TestCase("'gusty'", "a String value 'gusty' cannot become int64")]
    [TestCase("x'00ff'", "a Byte[] value 'System.Byte[]' cannot become int64")]
    public async Task Integer_column_holding_another_storage_class(string cell, string error)
        => Assert.That(await ErrorOf("int_readings", cell), Does.Contain(error));

    [TestCase("21.25", 21.25)]
    [TestCase("7", 7.0, Description = "an integer is stored as a real (REAL affinity)")]
    [TestCase("-0.0", 0.0, Description = "SQLite stores a negative zero as the integer 0")]
    [TestCase("'Infinity'", double.PositiveInfinity, Description = "text that .NET parses as a double")]
    [TestCase("null", null)]
    public async Task Real_column(string cell, object? expected)
    {
        var value = await ReadBack("real_readings", cell);
        Assert.That(value, Is.EqualTo(expected));
        if (expected is double d) Assert.That(double.IsNegative((double)value!), Is.EqualTo(double.IsNegative(d)), "the sign of zero");
    }

    [TestCase("'calm'", "(declared REAL): a String value 'calm' cannot become float64")]
    [TestCase("x'01'", "a Byte[] value 'System.Byte[]' cannot become float64")]
    public async Task Real_column_holding_another_storage_class(string cell, string error)
        => Assert.That(await ErrorOf("real_readings", cell), Does.Contain(error));

    [TestCase("'north ridge'", "north ridge")]
    [TestCase("''", "")]
    [TestCase("'Zürich 北 🌧'", "Zürich 北 🌧")]
    [TestCase("'a' || char(0) || 'b'", "a\0b", Description = "an embedded NUL is part of the text")]
    [TestCase("cast(x'41c328' as text)", "A\uFFFD(", Description = "invalid UTF-8 decodes to U+FFFD")]
    [TestCase("12", "12", Description = "a number is stored as text (TEXT affinity)")]
    [TestCase("null", null)]
    public async Task Text_column(string cell, object? expected)
        => Assert.That(await ReadBack("text_readings", cell), Is.EqualTo(expected));

    [Test]
    public async Task Text_column_holding_a_blob()
        => Assert.That(await ErrorOf("text_readings", "x'beef'"), Does.Contain("(declared TEXT): a Byte[] value 'System.Byte[]' cannot become utf8"));

    [TestCase("1", true)]
    [TestCase("0", false)]
    [TestCase("-3", true)]
    [TestCase("null", null)]
    public async Task Boolean_column(string cell, object? expected)
        => Assert.That(await ReadBack("bool_readings", cell), Is.EqualTo(expected));

    [TestCase("0.5", "(declared BOOLEAN): a Double value '0.5' cannot become bool")]
    [TestCase("'yes'", "a String value 'yes' cannot become bool")]
    public async Task Boolean_column_holding_another_storage_class(string cell, string error)
        => Assert.That(await ErrorOf("bool_readings", cell), Does.Contain(error));

    [TestCase("1700000000", "2023-11-14T22:13:20.0000000Z", Description = "integer Unix seconds")]
    [TestCase("-86400", "1969-12-31T00:00:00.0000000Z")]
    [TestCase("253402300799", "9999-12-31T23:59:59.0000000Z", Description = "the last second DateTime holds")]
    [TestCase("-62135596800", "0001-01-01T00:00:00.0000000Z")]
    [TestCase("'2024-03-01 10:00:00'", "2024-03-01T10:00:00.0000000Z")]
    [TestCase("'2024-03-01T10:00:00.123456'", "2024-03-01T10:00:00.1234560Z")]
    [TestCase("'2024-03-01T10:00:00+02:00'", "2024-03-01T08:00:00.0000000Z", Description = "an offset converts to UTC")]
    [TestCase("'2024-03-01'", "2024-03-01T00:00:00.0000000Z")]
    [TestCase("' 2024-03-01 10:00 '", "2024-03-01T10:00:00.0000000Z", Description = "no seconds, surrounding spaces")]
    [TestCase("'2024-03-01 10:00:00.1234567Z'", "2024-03-01T10:00:00.1234560Z", Description = "ticks floored to microseconds")]
    [TestCase("'2024-03-01T10:00:00-0530'", "2024-03-01T15:30:00.0000000Z")]
    public async Task Timestamp_column(string cell, string expected)
    {
        var value = (DateTime)(await ReadBack("time_readings", cell))!;
        Assert.That(value.ToString("O", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected));
    }

    [Test]
    public async Task Timestamp_column_null()
        => Assert.That(await ReadBack("time_readings", "null"), Is.Null);

    [TestCase("1.5", "(declared TIMESTAMP): '1.5' is neither ISO-8601 text nor integer Unix seconds")]
    [TestCase("'last tuesday'", "'last tuesday' is neither ISO-8601 text nor integer Unix seconds")]
    [TestCase("x'00'", "'System.Byte[]' is neither ISO-8601 text nor integer Unix seconds")]
    [TestCase("'12:00'", "'12:00' is neither ISO-8601 text nor integer Unix seconds", Description = ".NET's lenient parse read it as today at noon")]
    [TestCase("'1/2/2024'", "'1/2/2024' is neither ISO-8601 text nor integer Unix seconds", Description = "lenient: January 2, by the US order")]
    [TestCase("'Jan 2 2024'", "'Jan 2 2024' is neither ISO-8601 text nor integer Unix seconds")]
    [TestCase("'2024-02-30'", "'2024-02-30' is neither ISO-8601 text nor integer Unix seconds")]
    [TestCase("253402300800", "(declared TIMESTAMP): integer Unix seconds 253402300800 are outside DateTime's range")]
    [TestCase("-62135596801", "integer Unix seconds -62135596801 are outside DateTime's range")]
    public async Task Timestamp_column_holding_another_storage_class(string cell, string error)
        => Assert.That(await ErrorOf("time_readings", cell), Does.Contain(error));
}
