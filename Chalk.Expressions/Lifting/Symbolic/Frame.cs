using System.Reflection;
using Chalk.Expressions.Lifting.Il;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>One method being interpreted (the lifted method or an inlined callee).</summary>
internal sealed class Frame
{
    public Frame(MethodBase method, ControlFlowGraph cfg, Type[] slotTypes, int argCount, Type returnType, ExprType returnExprType, int depth)
    {
        Method = method;
        Cfg = cfg;
        SlotTypes = slotTypes;
        ArgCount = argCount;
        ReturnType = returnType;
        ReturnExprType = returnExprType;
        Depth = depth;
    }

    public MethodBase Method { get; }

    public Module Module => Method.Module;

    public ControlFlowGraph Cfg { get; }

    /// <summary>Arguments (including <c>this</c>) then locals.</summary>
    public Type[] SlotTypes { get; }

    public int ArgCount { get; }

    public Type ReturnType { get; }

    public ExprType ReturnExprType { get; }

    public int Depth { get; }

    public Type[]? TypeArgs => Method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;

    public Type[]? MethodArgs => Method.IsGenericMethod ? Method.GetGenericArguments() : null;
}
