using Chalk.Expressions;
using Chalk.Sql.Arrow;
using Npgsql;

namespace Chalk.Sql.Sources;

/// <summary>How a result column of one PostgreSQL type is read: the typed getter for the CLR type Npgsql gives it.</summary>
internal enum PostgresRead
{
    /// <summary><c>boolean</c>: <see cref="NpgsqlDataReader.GetBoolean"/>.</summary>
    Boolean,
    /// <summary><c>smallint</c>: <see cref="NpgsqlDataReader.GetInt16"/>.</summary>
    Int16,
    /// <summary><c>integer</c>: <see cref="NpgsqlDataReader.GetInt32"/>.</summary>
    Int32,
    /// <summary><c>bigint</c>: <see cref="NpgsqlDataReader.GetInt64"/>.</summary>
    Int64,
    /// <summary><c>real</c>: <see cref="NpgsqlDataReader.GetFloat"/>.</summary>
    Float,
    /// <summary><c>double precision</c>: <see cref="NpgsqlDataReader.GetDouble"/>.</summary>
    Double,
    /// <summary><c>numeric</c>: <see cref="NpgsqlDataReader.GetDecimal"/>, then to double.</summary>
    Numeric,
    /// <summary>Text types: <see cref="NpgsqlDataReader.GetString"/>.</summary>
    Text,
    /// <summary><c>timestamp</c>, <c>timestamptz</c>, <c>date</c>: <see cref="NpgsqlDataReader.GetDateTime"/>.</summary>
    DateTime,
    /// <summary>Anything else: <see cref="NpgsqlDataReader.GetValue"/>, boxed.</summary>
    Value,
}

/// <summary>Reads PostgreSQL result cells into Arrow column builders with typed getters, without boxing.</summary>
/// <remarks>Each getter returns the CLR type <see cref="NpgsqlDataReader.GetValue"/> would have boxed for the column's
/// type, so the values and conversions are the ones <see cref="ArrowColumnBuilder.Append"/> makes of the boxed value.</remarks>
internal static class PostgresCells
{
    /// <summary>The getter for a column whose <c>GetDataTypeName</c> is <paramref name="dataTypeName"/>.</summary>
    public static PostgresRead ReadOf(string dataTypeName) => dataTypeName switch
    {
        "boolean" => PostgresRead.Boolean,
        "smallint" => PostgresRead.Int16,
        "integer" => PostgresRead.Int32,
        "bigint" => PostgresRead.Int64,
        "real" => PostgresRead.Float,
        "double precision" => PostgresRead.Double,
        "text" or "name" => PostgresRead.Text,
        _ when dataTypeName.StartsWith("character", StringComparison.Ordinal) => PostgresRead.Text,
        _ when dataTypeName.StartsWith("numeric", StringComparison.Ordinal) => PostgresRead.Numeric,
        _ when dataTypeName.StartsWith("timestamp", StringComparison.Ordinal) || dataTypeName == "date" => PostgresRead.DateTime,
        _ => PostgresRead.Value,
    };

    /// <summary>Appends cell <paramref name="ordinal"/> of the current row.</summary>
    /// <exception cref="InvalidCastException">The value cannot become the column's type (e.g. an infinite timestamp).</exception>
    public static void Append(NpgsqlDataReader reader, int ordinal, PostgresRead read, ArrowColumnBuilder builder)
    {
        if (reader.IsDBNull(ordinal))
        {
            builder.AppendNull();
            return;
        }
        switch (read)
        {
            case PostgresRead.Boolean: builder.AppendBoolean(reader.GetBoolean(ordinal)); break;
            case PostgresRead.Int16: builder.AppendInt64(reader.GetInt16(ordinal)); break;
            case PostgresRead.Int32: builder.AppendInt64(reader.GetInt32(ordinal)); break;
            case PostgresRead.Int64: builder.AppendInt64(reader.GetInt64(ordinal)); break;
            // A float widened to double and narrowed back is the same float.
            case PostgresRead.Float: builder.AppendDouble(reader.GetFloat(ordinal)); break;
            case PostgresRead.Double: builder.AppendDouble(reader.GetDouble(ordinal)); break;
            case PostgresRead.Numeric: builder.AppendDouble((double)reader.GetDecimal(ordinal)); break;
            case PostgresRead.Text: builder.AppendString(reader.GetString(ordinal)); break;
            case PostgresRead.DateTime: builder.AppendTimestamp(ArrowTypes.ToUnixMicroseconds(reader.GetDateTime(ordinal))); break;
            default: builder.Append(reader.GetValue(ordinal)); break;
        }
    }
}
