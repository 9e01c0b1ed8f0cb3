using System.Reflection;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>The instance members of <see cref="string"/> that no single function stands for: the searches and the culture-sensitive members.</summary>
/// <remarks>
/// A search's function depends on its arguments, not only on the member: a constant <see cref="StringComparison"/>
/// picks <c>contains</c> or <c>contains_ignore_case</c>, a char needle becomes a one-char string literal, and a string
/// needle gets .NET's <see cref="ArgumentNullException"/> guard. So these members cannot be listed by a function.
/// In .NET the <c>char</c> overloads of <c>IndexOf</c>/<c>LastIndexOf</c>/<c>Contains</c>/<c>StartsWith</c>/<c>EndsWith</c>
/// and <c>Contains(string)</c> are ordinal; the <c>string</c> overloads of the other four without a
/// <see cref="StringComparison"/> compare with the current culture. A <c>char</c> needle equals the one-char string
/// needle under the same comparison (checked over every char), so it becomes a string literal.
/// </remarks>
internal static partial class KnownCalls
{
    private const string ArgumentNullValue = "Value cannot be null. (Parameter 'value')";

    private static Expr? StringInstance(MethodInfo m, Sym receiver, Sym[] args, State s, int at)
    {
        var self = Interpreter.AsExprSym(receiver, at).Expr;
        var ps = m.GetParameters();
        switch (m.Name, ps.Length)
        {
            case ("IndexOf" or "LastIndexOf" or "Contains" or "StartsWith" or "EndsWith", >= 1)
                when ps[0].ParameterType == typeof(char) || ps[0].ParameterType == typeof(string):
            {
                var call = Search(m, self, args, out var stringNeedle, at);
                if (stringNeedle is not null && !s.KnownNonNull(stringNeedle))
                    call = Expr.If(Expr.IsNull(stringNeedle), Expr.Error(ArgumentNullValue, call.Type), call);
                call = ReceiverChecked(self, call, s);
                if (stringNeedle is not null) s.AssumeNonNull(stringNeedle);
                return call;
            }
            case ("ToUpper" or "ToLower", 0):
                throw new LiftFailure($"string.{m.Name}() uses the current culture's casing rules; {m.Name}Invariant() lifts", at);
            case ("ToUpper" or "ToLower", 1):
                throw new LiftFailure($"string.{m.Name}({Shown(ps)}) uses the given culture's casing rules; {m.Name}Invariant() lifts", at);
            case ("CompareTo", 1):
                throw new LiftFailure($"string.CompareTo({Shown(ps)}) compares with the current culture and has no IR function", at);
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>IndexOf</c>/<c>LastIndexOf</c>/<c>Contains</c>/<c>StartsWith</c>/<c>EndsWith</c> with a char or string needle, then
    /// optionally <c>int startIndex[, int count]</c>, then optionally a <see cref="StringComparison"/>.
    /// </summary>
    private static Expr Search(MethodInfo m, Expr self, Sym[] args, out Expr? stringNeedle, int at)
    {
        var ps = m.GetParameters();
        string what = $"string.{m.Name}({Shown(ps)})";
        bool isChar = ps[0].ParameterType == typeof(char);
        int ints = ps.Skip(1).TakeWhile(p => p.ParameterType == typeof(int)).Count();
        bool hasComparison = ps.Length == 2 + ints && ps[^1].ParameterType == typeof(StringComparison);
        if (ps.Length != 1 + ints + (hasComparison ? 1 : 0))
        {
            throw new LiftFailure(ps.Any(p => p.ParameterType == typeof(System.Globalization.CultureInfo))
                ? $"{what} compares with the given culture; pass StringComparison.Ordinal or OrdinalIgnoreCase to lift it"
                : $"call to {what}: no IR function for it", at);
        }
        StringComparison comparison;
        if (hasComparison)
        {
            var cmp = A(args, ps.Length - 1, typeof(int), at);
            if (cmp is not LiteralExpr { Value: int c }) throw new LiftFailure($"{what} with a non-constant StringComparison", at);
            comparison = (StringComparison)c;
            if (!Enum.IsDefined(comparison))
                throw new LiftFailure($"{what} with StringComparison value {c}, which is not defined (.NET throws ArgumentException)", at);
            if (comparison is not (StringComparison.Ordinal or StringComparison.OrdinalIgnoreCase))
                throw new LiftFailure($"{what} with StringComparison.{comparison} (a culture-sensitive comparison; the IR has ordinal functions only)", at);
        }
        else if (isChar || m.Name == "Contains")
        {
            comparison = StringComparison.Ordinal;
        }
        else
        {
            throw new LiftFailure($"{what} compares with the current culture; pass StringComparison.Ordinal or OrdinalIgnoreCase to lift it", at);
        }
        if (ints > 0 && m.Name != "IndexOf")
            throw new LiftFailure($"{what} with a start index has no IR function (last_index_of searches the whole string)", at);
        Expr needle;
        if (isChar)
        {
            needle = A(args, 0, typeof(int), at) is LiteralExpr { Value: int ch }
                ? Expr.Lit(((char)ch).ToString())
                : throw new LiftFailure($"{what} with a char that is not a constant (the IR has no char type)", at);
            stringNeedle = null;
        }
        else
        {
            needle = A(args, 0, typeof(string), at);
            stringNeedle = needle;
        }
        string fn = m.Name switch
        {
            "IndexOf" => "index_of",
            "LastIndexOf" => "last_index_of",
            "Contains" => "contains",
            "StartsWith" => "starts_with",
            _ => "ends_with",
        };
        if (comparison == StringComparison.OrdinalIgnoreCase) fn += "_ignore_case";
        return Expr.Call(fn, [self, needle, .. Enumerable.Range(1, ints).Select(i => A(args, i, typeof(int), at))]);
    }

    private static string Shown(ParameterInfo[] ps) => string.Join(", ", ps.Select(p => p.ParameterType.Name));
}
