using Apache.Arrow.Types;

namespace Chalk.Sql.Sources;

/// <summary>DuckDB's names for the Arrow types the engine binds as parameters.</summary>
internal static class DuckDbTypes
{
    public static string NameOf(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Boolean => "BOOLEAN",
        ArrowTypeId.Int32 => "INTEGER",
        ArrowTypeId.Int64 => "BIGINT",
        ArrowTypeId.Float => "FLOAT",
        ArrowTypeId.Double => "DOUBLE",
        ArrowTypeId.String => "VARCHAR",
        ArrowTypeId.Timestamp => "TIMESTAMP",
        ArrowTypeId.Duration => "INTERVAL",
        _ => throw new NotSupportedException($"no DuckDB type for Arrow {type.Name}"),
    };
}
