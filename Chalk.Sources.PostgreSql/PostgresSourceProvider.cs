[assembly: Chalk.ChalkProvider(typeof(Chalk.Sql.Sources.PostgresSourceProvider))]

namespace Chalk.Sql.Sources;

/// <summary>The <c>postgres</c> source kind: <c>connectionString</c> (required, an Npgsql connection string) and optional
/// <c>commandTimeoutSeconds</c>.</summary>
public sealed class PostgresSourceProvider : SqlSourceProvider
{
    /// <inheritdoc/>
    public override string Kind => "postgres";

    /// <inheritdoc/>
    public override IReadOnlyList<string> SettingNames { get; } = ["connectionString", "commandTimeoutSeconds"];

    /// <inheritdoc/>
    public override SqlSource Create(SqlSourceDeclaration source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new PostgresSource(source.Required("connectionString"), source.Seconds("commandTimeoutSeconds"));
    }
}
