using System.Reflection;
using System.Reflection.Emit;
using Chalk.Expressions.Lifting.Il;

namespace Chalk.Resolvers;

/// <summary>Lists the methods a method's IL calls or takes a pointer to (<c>call</c>, <c>callvirt</c>, <c>newobj</c>, <c>ldftn</c>).</summary>
/// <remarks>Only looks at method tokens; the IL lifter does the real interpretation.</remarks>
internal static class IlCallScanner
{
    public static IEnumerable<MethodBase> CalledMethods(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var module = method.Module;
        var typeArgs = method.DeclaringType is { IsGenericType: true } dt ? dt.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var ins in IlReader.ReadKnownPrefix(il))
        {
            if (ins.OpCode.OperandType != OperandType.InlineMethod) continue;
            MethodBase? target = null;
            try { target = module.ResolveMethod(ins.Token, typeArgs, methodArgs); }
            catch (ArgumentException) { }
            if (target is not null) yield return target;
        }
    }
}
