using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Arrow;
using Npgsql;
using NpgsqlTypes;
using Chalk.Expressions;

namespace Chalk.Sql.Sources;

/// <summary>PostgreSQL's types mapped to and from the engine's Arrow types.</summary>
/// <remarks>
/// Results: <c>boolean</c> → bool; <c>smallint</c>, <c>integer</c> → int32; <c>bigint</c> → int64; <c>real</c> →
/// float32; <c>double precision</c>, <c>numeric</c> → float64; <c>text</c>, <c>varchar</c>, <c>char</c>, <c>name</c> →
/// utf8; <c>timestamp</c>, <c>timestamptz</c> (as UTC), <c>date</c> (midnight) → timestamp[us]. Any other type is an
/// error naming the column: cast it in the SQL.
/// </remarks>
internal static class PostgresTypes
{
    public static IArrowType ArrowTypeOf(SqlQuery query, string source, string column, string dataTypeName) => dataTypeName switch
    {
        "boolean" => BooleanType.Default,
        "smallint" or "integer" => Int32Type.Default,
        "bigint" => Int64Type.Default,
        "real" => FloatType.Default,
        "double precision" or "numeric" => DoubleType.Default,
        "text" or "name" or "unknown" => StringType.Default,
        _ when dataTypeName.StartsWith("character", StringComparison.Ordinal) => StringType.Default,
        _ when dataTypeName.StartsWith("timestamp", StringComparison.Ordinal) || dataTypeName == "date" => ArrowTypes.Timestamp,
        _ when dataTypeName.StartsWith("numeric", StringComparison.Ordinal) => DoubleType.Default,
        _ => throw SourceErrors.UnsupportedColumn(query, source, column, dataTypeName),
    };

    public static NpgsqlDbType ParameterType(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Boolean => NpgsqlDbType.Boolean,
        ArrowTypeId.Int32 => NpgsqlDbType.Integer,
        ArrowTypeId.Int64 => NpgsqlDbType.Bigint,
        ArrowTypeId.Float => NpgsqlDbType.Real,
        ArrowTypeId.Double => NpgsqlDbType.Double,
        ArrowTypeId.String => NpgsqlDbType.Text,
        ArrowTypeId.Timestamp => NpgsqlDbType.Timestamp,
        ArrowTypeId.Duration => NpgsqlDbType.Interval,
        _ => throw new NotSupportedException($"no PostgreSQL parameter type for Arrow {type.Name}"),
    };

    public static string SqlName(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Boolean => "bool",
        ArrowTypeId.Int32 => "int4",
        ArrowTypeId.Int64 => "int8",
        ArrowTypeId.Float => "float4",
        ArrowTypeId.Double => "float8",
        ArrowTypeId.String => "text",
        ArrowTypeId.Timestamp => "timestamp",
        ArrowTypeId.Duration => "interval",
        _ => throw new NotSupportedException($"no PostgreSQL parameter type for Arrow {type.Name}"),
    };

    /// <summary>A parameter value as Npgsql binds it: <c>timestamp</c> wants an unspecified-kind <see cref="DateTime"/>.</summary>
    public static object? ToParameter(object? value)
        => value is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Unspecified) : value;

    /// <summary>A parameter column as a typed CLR array with nulls, for binding as a PostgreSQL array.</summary>
    public static System.Array ToArray(IArrowArray column, int length)
    {
        return column.Data.DataType.TypeId switch
        {
            ArrowTypeId.Boolean => Fill<bool>(),
            ArrowTypeId.Int32 => Fill<int>(),
            ArrowTypeId.Int64 => Fill<long>(),
            ArrowTypeId.Float => Fill<float>(),
            ArrowTypeId.Double => Fill<double>(),
            ArrowTypeId.Timestamp => Fill<DateTime>(),
            ArrowTypeId.Duration => Fill<TimeSpan>(),
            ArrowTypeId.String => FillStrings(),
            _ => throw new NotSupportedException($"no PostgreSQL parameter type for Arrow {column.Data.DataType.Name}"),
        };

        T?[] Fill<T>() where T : struct
        {
            var values = new T?[length];
            for (int i = 0; i < length; i++) values[i] = (T?)ToParameter(ArrowValues.Get(column, i));
            return values;
        }

        string?[] FillStrings()
        {
            var values = new string?[length];
            for (int i = 0; i < length; i++) values[i] = (string?)ArrowValues.Get(column, i);
            return values;
        }
    }

    /// <summary>Whether retrying may succeed: connection-level failures, timeouts, server shutdown and overload.</summary>
    public static bool IsTransient(NpgsqlException ex)
    {
        if (ex is PostgresException pg)
        {
            var state = pg.SqlState;
            return pg.IsTransient || state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
                || state.StartsWith("57P0", StringComparison.Ordinal) || state is "57014" or "40001" or "40P01";
        }
        return ex.IsTransient || ex.InnerException is TimeoutException or System.Net.Sockets.SocketException or IOException;
    }
}
