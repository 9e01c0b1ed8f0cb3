using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Chalk.Typed;

/// <summary>An expression tree as the C# it came from, roughly, for messages: <see cref="Expression.ToString"/> prints
/// closures and boxing as CLR names (<c>value(Tests+&lt;&gt;c__DisplayClass0_0).other</c>, <c>Convert(r.Id, Object)</c>).</summary>
internal static class ExpressionText
{
    public static string Of(Expression? e) => e switch
    {
        null => "",
        LambdaExpression l => string.Join(", ", l.Parameters.Select(p => p.Name)) + " => " + Of(l.Body),
        ParameterExpression p => p.Name ?? "_",
        MemberExpression { Expression: ConstantExpression } m => m.Member.Name,
        MemberExpression { Expression: null } m => m.Member.DeclaringType?.Name + "." + m.Member.Name,
        MemberExpression m => Of(m.Expression) + "." + m.Member.Name,
        MethodCallExpression { Object: null, Arguments.Count: > 0 } c when c.Method.IsDefined(typeof(ExtensionAttribute), false)
            => Of(c.Arguments[0]) + "." + c.Method.Name + "(" + string.Join(", ", c.Arguments.Skip(1).Select(Of)) + ")",
        MethodCallExpression c => (c.Object is null ? c.Method.DeclaringType?.Name : Of(c.Object)) + "." + c.Method.Name + "(" + string.Join(", ", c.Arguments.Select(Of)) + ")",
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u when u.Type == typeof(object) => Of(u.Operand),
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u => "(" + Definitions.ClrTypeNames.Of(u.Type) + ")" + Of(u.Operand),
        UnaryExpression { NodeType: ExpressionType.Not } u => "!" + Of(u.Operand),
        UnaryExpression { NodeType: ExpressionType.Negate } u => "-" + Of(u.Operand),
        BinaryExpression b => Of(b.Left) + " " + Operator(b.NodeType) + " " + Of(b.Right),
        ConditionalExpression c => Of(c.Test) + " ? " + Of(c.IfTrue) + " : " + Of(c.IfFalse),
        ConstantExpression { Value: string s } => "\"" + s + "\"",
        ConstantExpression c => Convert.ToString(c.Value, CultureInfo.InvariantCulture) ?? "null",
        NewExpression n => "new " + n.Type.Name + "(" + string.Join(", ", n.Arguments.Select(Of)) + ")",
        _ => e.NodeType.ToString(),
    };

    private static string Operator(ExpressionType type) => type switch
    {
        ExpressionType.Add or ExpressionType.AddChecked => "+",
        ExpressionType.Subtract or ExpressionType.SubtractChecked => "-",
        ExpressionType.Multiply or ExpressionType.MultiplyChecked => "*",
        ExpressionType.Divide => "/",
        ExpressionType.Modulo => "%",
        ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.AndAlso => "&&",
        ExpressionType.OrElse => "||",
        ExpressionType.Coalesce => "??",
        _ => type.ToString(),
    };
}
