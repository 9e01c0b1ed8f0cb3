using System.Globalization;
using System.Text;

namespace Chalk.Tests.Engine.Properties;

/// <summary>Renders a generated graph as C# source and <c>*.chalk.sql</c> files, and a case as text for failure messages.</summary>
internal static class GraphSource
{
    public const string Namespace = "Chalk.Generated";

    public const string SourceName = "db";

    public const string SqliteSourceName = "lite";

    public static string CSharp(GraphSpec graph)
    {
        var sb = new StringBuilder();
        sb.Append("#nullable enable\nusing System;\nusing System.Linq;\nusing Chalk;\n\nnamespace ").Append(Namespace).Append(";\n");
        foreach (var cls in graph.Classes)
        {
            sb.Append("\n[Features]\npublic class ").Append(cls.Name).Append("\n{\n");
            sb.Append("    [Primary] public ").Append(cls.KeyType.Cs).Append(" Id { get; init; }").Append(Init(cls.KeyType)).Append('\n');
            foreach (var h in cls.HasOnes.Where(h => h.ByOwnKey))
                sb.Append("    [HasOne(ForeignKey = nameof(Id))] public ").Append(graph.Classes[h.Target].Name).Append("? ").Append(h.Property).Append(" { get; init; }\n");
            foreach (var h in cls.HasOnes.Where(h => !h.ByOwnKey))
            {
                sb.Append("    public ").Append(h.ForeignKey.Type.Cs).Append(' ').Append(h.ForeignKey.Property).Append(" { get; init; }").Append(Init(h.ForeignKey.Type)).Append('\n');
                sb.Append("    public ").Append(graph.Classes[h.Target].Name).Append("? ").Append(h.Property).Append(" { get; init; }\n");
            }
            foreach (var f in cls.Stored)
                sb.Append("    public ").Append(f.Type.Cs).Append(' ').Append(f.Property).Append(" { get; init; }").Append(Init(f.Type)).Append('\n');
            foreach (var h in cls.HasManys)
                sb.Append("    public DataFrame<").Append(graph.Classes[h.Child].Name).Append("> ").Append(h.Property).Append(" { get; init; } = [];\n");
            foreach (var r in cls.Resolvers)
                sb.Append("    public ").Append(r.Type.Cs).Append(' ').Append(r.Property).Append(" { get; init; }").Append(Init(r.Type)).Append('\n');
            if (cls.Time is { } time)
                sb.Append("    public ").Append(time.Type.Cs).Append(' ').Append(time.Property).Append(" { get; init; }\n");
            foreach (var w in cls.Windowed)
                sb.Append("    [Windowed(").AppendJoin(", ", w.Durations.Select(d => "\"" + d + "\"")).Append(")] public ").Append(w.Type.Cs)
                    .Append(' ').Append(w.Method).Append("(Window w) => unchecked(").Append(w.Body).Append(");\n");
            foreach (var p in cls.Computed)
                sb.Append("    public ").Append(p.Type.Cs).Append(' ').Append(p.Property).Append(" => unchecked(").Append(p.Body).Append(");\n");
            sb.Append("}\n");
        }
        sb.Append("\npublic static class GraphResolvers\n{\n");
        foreach (var cls in graph.Classes)
        {
            foreach (var r in cls.Resolvers)
            {
                sb.Append("    [Resolver(Output = \"").Append(cls.Snake).Append('.').Append(r.Feature).Append("\")]\n");
                sb.Append("    public static ").Append(r.Type.Cs).Append(' ').Append(MethodName(cls, r)).Append('(');
                sb.AppendJoin(", ", r.Parameters.Select(p => (p.FeaturePath is null ? "" : $"[Feature(\"{p.FeaturePath}\")] ") + p.Type.Cs + " " + p.Name));
                sb.Append(")\n        ").Append(r.Body).Append('\n');
            }
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    public static string MethodName(ClassSpec cls, ResolverSpec r) => cls.Name + r.Property;

    private static string Init(ScalarType t) => t is { Kind: ValueKind.String, Nullable: false } ? " = \"\";" : "";

    /// <summary>One SQL file per class: table-shaped, or a lookup by the primary key.</summary>
    public static string Sql(ClassSpec cls)
    {
        var sb = new StringBuilder();
        sb.Append("-- resolves: ").Append(cls.Name).Append("\n-- source: ").Append(cls.Sqlite ? SqliteSourceName : SourceName).Append('\n');
        sb.Append("select ").AppendJoin(", ", cls.Columns.Select(c => c.Feature)).Append("\nfrom ").Append(cls.Table).Append('\n');
        if (!cls.TableShaped) sb.Append("where id = ${").Append(cls.Snake).Append(".id}\n");
        return sb.ToString();
    }

    /// <summary>DuckDB DDL and inserts with literals (DuckDB.NET's parameters cut strings at U+0000, issue 12 item 2).</summary>
    public static string Seed(GraphSpec graph, GraphData data, bool sqlite = false)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < graph.Classes.Count; i++)
        {
            var cls = graph.Classes[i];
            if (cls.Sqlite != sqlite) continue;
            var columns = cls.Columns.ToList();
            sb.Append("create table ").Append(cls.Table).Append(" (").AppendJoin(", ", columns.Select(c => c.Feature + " " + SqlType(c.Type))).Append(");\n");
            foreach (var row in data.Rows[i])
                sb.Append("insert into ").Append(cls.Table).Append(" values (").AppendJoin(", ", columns.Select(c => Literal(row[c.Property]))).Append(");\n");
        }
        return sb.ToString();
    }

    private static string SqlType(ScalarType t) => t.Kind switch
    {
        ValueKind.Long => "bigint",
        ValueKind.Double => "double",
        ValueKind.Bool => "boolean",
        ValueKind.DateTime => "timestamp",
        _ => "varchar",
    };

    public static string Literal(object? value) => value switch
    {
        null => "null",
        long l => "(" + l.ToString(CultureInfo.InvariantCulture) + ")::bigint",
        double d when double.IsNaN(d) => "'nan'::double",
        double d when double.IsPositiveInfinity(d) => "'inf'::double",
        double d when double.IsNegativeInfinity(d) => "'-inf'::double",
        double d => "'" + d.ToString("R", CultureInfo.InvariantCulture) + "'::double",
        bool b => b ? "true" : "false",
        string s => StringLiteral(s),
        DateTime t => "'" + t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "'::timestamp",
        _ => throw new ArgumentException($"no literal for {value.GetType()}", nameof(value)),
    };

    private static string StringLiteral(string s)
    {
        // Control characters as chr(n), so U+0000 survives; the rest as a quoted literal.
        var parts = new List<string>();
        var run = new StringBuilder();
        foreach (var ch in s)
        {
            if (ch < ' ')
            {
                parts.Add("'" + run.Replace("'", "''") + "'");
                run.Clear();
                parts.Add($"chr({(int)ch})");
            }
            else
            {
                run.Append(ch);
            }
        }
        parts.Add("'" + run.Replace("'", "''") + "'");
        return "(" + string.Join(" || ", parts) + ")::varchar";
    }

    /// <summary>The whole case as text: C#, SQL, rows and queries, so a failure can be read and reproduced by hand.</summary>
    public static string Describe(GraphCase c)
    {
        var sb = new StringBuilder();
        // Queries first: NUnit cuts long messages, and the seed's inserts are the least telling part.
        foreach (var q in c.Queries)
            sb.Append("query ").Append(c.Graph.Classes[q.Root].Snake).Append(".id in [").AppendJoin(", ", q.Keys.Select(Show))
                .Append("] -> ").AppendJoin(", ", q.Outputs).Append('\n');
        sb.Append("// optimize: ").Append(c.Graph.Optimize).Append(", tape used: ").Append(c.TapeUsed).Append('\n');
        sb.Append(CSharp(c.Graph));
        foreach (var cls in c.Graph.Classes) sb.Append("\n-- ").Append(cls.Snake).Append(".chalk.sql\n").Append(Sql(cls));
        sb.Append("\n-- DuckDB\n").Append(Seed(c.Graph, c.Data));
        if (c.Graph.Classes.Any(x => x.Sqlite)) sb.Append("-- SQLite (loaded with parameters)\n").Append(Seed(c.Graph, c.Data, sqlite: true));
        return sb.ToString();
    }

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\0", "\\0", StringComparison.Ordinal) + "\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
