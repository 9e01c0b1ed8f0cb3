namespace Chalk.Expressions;

/// <summary>One call being translated into SQL, as a function's <see cref="SqlForm"/> sees it: the IR call, its arguments' SQL and the translator's few services.</summary>
/// <remarks>Each translator implements it for its dialect; the SQL texts are already translated, so a form only composes them.</remarks>
public abstract class SqlCall
{
    /// <summary>Creates the view of a call.</summary>
    /// <param name="call">The IR call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
    protected SqlCall(CallExpr call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The IR call: its function, resolved overload and argument types.</summary>
    public CallExpr Call { get; }

    /// <summary>The call's result type.</summary>
    public ExprType Type => Call.Type;

    /// <summary>The IR type of argument <paramref name="index"/>.</summary>
    /// <param name="index">The argument's position.</param>
    /// <returns>Its type.</returns>
    public ExprType ArgType(int index) => Call.Args[index].Type;

    /// <summary>The SQL of argument <paramref name="index"/>'s value (which never raises).</summary>
    /// <param name="index">The argument's position.</param>
    /// <returns>The SQL text.</returns>
    public abstract string Arg(int index);

    /// <summary>Whether argument <paramref name="index"/>'s SQL can be NULL.</summary>
    /// <param name="index">The argument's position.</param>
    /// <returns>False only when it is known not to be.</returns>
    public abstract bool ArgMayBeNull(int index);

    /// <summary>The dialect's type for an IR type; refuses a type the dialect does not hold.</summary>
    /// <param name="type">The IR type.</param>
    /// <returns>The SQL type name.</returns>
    public abstract string SqlType(ExprType type);

    /// <summary>A string literal; refuses text the dialect cannot hold exactly.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The quoted literal.</returns>
    public abstract string Str(string text);

    /// <summary>A float64 literal, NaN and the infinities included.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The typed literal.</returns>
    public abstract string Double(double value);

    /// <summary>The exception a form throws to say the call has no exact SQL form.</summary>
    /// <param name="reason">Why, naming the function and what differs.</param>
    /// <returns>The exception to throw.</returns>
    public abstract Exception Refuse(string reason);

    /// <summary>The SQL of every argument, in order.</summary>
    /// <returns>The texts.</returns>
    public string[] Args() => [.. Enumerable.Range(0, Call.Args.Count).Select(Arg)];

    /// <summary>The condition that every possibly-null argument is non-null, or null when none can be null.</summary>
    /// <returns>The SQL condition, or null.</returns>
    public string? AllPresent()
    {
        var present = Enumerable.Range(0, Call.Args.Count).Where(ArgMayBeNull).Select(i => $"{Arg(i)} IS NOT NULL").ToList();
        return present.Count == 0 ? null : string.Join(" AND ", present);
    }

    /// <summary><paramref name="body"/> behind a null test: NULL when any argument is, for bodies that do not propagate NULL themselves.</summary>
    /// <param name="body">The SQL of the call on present arguments.</param>
    /// <returns>The guarded SQL, or <paramref name="body"/> when no argument can be NULL.</returns>
    public string NullGuarded(string body)
    {
        var missing = Enumerable.Range(0, Call.Args.Count).Where(ArgMayBeNull).Select(i => $"{Arg(i)} IS NULL").ToList();
        return missing.Count == 0 ? body : $"CASE WHEN {string.Join(" OR ", missing)} THEN CAST(NULL AS {SqlType(Type)}) ELSE {body} END";
    }

    /// <summary>An error text (<see cref="SqlText.Error"/>): the message of the first case whose condition holds, on rows where every argument is present.</summary>
    /// <param name="cases">Conditions over the arguments' SQL and the .NET message each one stands for.</param>
    /// <returns>The SQL text.</returns>
    public string FailWhen(params (string Condition, string Message)[] cases)
    {
        var present = AllPresent();
        var whens = string.Concat(cases.Select(c => $" WHEN {c.Condition} THEN {Str(c.Message)}"));
        return present is null ? $"CASE{whens} END" : $"CASE WHEN NOT ({present}) THEN NULL{whens} END";
    }
}
