using Chalk.Expressions;

namespace Chalk.Sql.Translation;

public static partial class DuckDbSqlTranslator
{
    /// <summary>A call through its function's DuckDB form (<see cref="ScalarFunction.SqlForms"/>); a function without one is refused.</summary>
    private static Frag Call(CallExpr call, Frag[] a)
    {
        var form = call.Function.FindSqlForm(SqlDialect.DuckDb)
            ?? throw Refuse($"no faithful DuckDB form for `{call.Name}` {call.Signature}");
        var text = form.Translate(new DuckDbCall(call, a));
        return new Frag(text.Value, FirstError(a, text.Error), text.MayBeNull ?? a.Any(x => x.MayBeNull));
    }

    /// <summary>A call as a function's DuckDB form sees it: the arguments' value SQL, and refusals that end the translation.</summary>
    private sealed class DuckDbCall(CallExpr call, Frag[] args) : SqlCall(call)
    {
        public override string Arg(int index) => args[index].V;

        public override bool ArgMayBeNull(int index) => args[index].MayBeNull;

        public override string SqlType(ExprType type) => T(type);

        public override string Str(string text) => DuckDbSqlTranslator.Str(text);

        public override string Double(double value) => Literal(Expr.Lit(value));

        public override Exception Refuse(string reason) => DuckDbSqlTranslator.Refuse(reason);
    }
}
