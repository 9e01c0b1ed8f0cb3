using System.Linq.Expressions;
using System.Reflection;
using Apache.Arrow;
using Chalk.Expressions.Lifting.Symbolic;

namespace Chalk.Expressions.Lifting;

/// <summary>The per-row fallback: calls the compiled method once per row, reading its arguments from Arrow columns named like its parameters.</summary>
internal sealed class RowInvoker
{
    private readonly MethodInfo _method;
    private readonly Func<object?[], object?> _invoke;
    private readonly ExprType _resultType;
    private readonly ParameterInfo[] _parameters;

    public RowInvoker(MethodInfo method)
    {
        _method = method;
        if (!method.IsStatic) throw new NotSupportedException($"the per-row fallback runs static methods only; {method.DeclaringType?.Name}.{method.Name} is an instance member (the engine evaluates it)");
        _parameters = method.GetParameters();
        foreach (var p in _parameters)
        {
            if (!TypeMap.TryMap(p.ParameterType, out _, out _))
                throw new NotSupportedException($"parameter '{p.Name}' of type {p.ParameterType.Name} has no Arrow mapping");
        }
        if (!TypeMap.TryMap(method.ReturnType, out _resultType, out _))
            throw new NotSupportedException($"return type {method.ReturnType.Name} has no Arrow mapping");
        var arr = Expression.Parameter(typeof(object?[]), "args");
        var call = Expression.Call(method, _parameters.Select((p, i) =>
            (Expression)Expression.Convert(Expression.ArrayIndex(arr, Expression.Constant(i)), p.ParameterType)));
        _invoke = Expression.Lambda<Func<object?[], object?>>(Expression.Convert(call, typeof(object)), arr).Compile();
    }

    public EvaluationResult Evaluate(RecordBatch batch)
    {
        var columns = new IArrowArray[_parameters.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            int idx = SchemaFields.IndexOf(batch.Schema, _parameters[i].Name);
            if (idx < 0) throw new ArgumentException($"column '{_parameters[i].Name}' (a parameter of {_method.Name}) is not in the batch.", nameof(batch));
            columns[i] = batch.Column(idx);
        }
        var values = new object?[batch.Length];
        var errors = new List<RowError>();
        var args = new object?[columns.Length];
        for (int row = 0; row < batch.Length; row++)
        {
            for (int i = 0; i < columns.Length; i++) args[i] = ToClr(ArrowValues.GetValue(columns[i], row), _parameters[i].ParameterType);
            try
            {
                values[row] = FromClr(_invoke(args));
            }
            catch (Exception e)
            {
                values[row] = null;
                errors.Add(new RowError(row, e.Message));
            }
        }
        return new EvaluationResult(ArrowValues.BuildArray(_resultType, values), errors);
    }

    private static object? ToClr(object? value, Type t)
    {
        if (value is null) return null;
        var u = Nullable.GetUnderlyingType(t) ?? t;
        return u.IsEnum ? Enum.ToObject(u, value) : value;
    }

    private static object? FromClr(object? value) => value is Enum e ? Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), System.Globalization.CultureInfo.InvariantCulture) : value;
}
