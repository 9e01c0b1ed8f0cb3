using Apache.Arrow.Types;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Sql.Sources;

/// <summary>The source contract against the embedded DuckDB source, so all four sources are held to the same tests.</summary>
public sealed class DuckDbSourceContractTests : SqlSourceContract
{
    private DuckDbSource? _duck;

    protected override IArrowType RealType => FloatType.Default;

    protected override IArrowType IntegerType => Int32Type.Default;

    protected override bool GroupsByParameterRow => false;

    protected override string SlowSql => "select count(*) as n from range(100000000000) a";

    protected override Task ExecuteAsync(string sql)
    {
        _duck ??= new DuckDbSource("Data Source=:memory:");
        return _duck.UseConnectionAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        });
    }

    protected override Task<SqlSource> CreateSourceAsync() => Task.FromResult<SqlSource>(_duck!);
}
