namespace Chalk.Expressions.Kernels;

/// <summary>A bound batch implementation of one function overload over a chunk.</summary>
/// <remarks>
/// For <see cref="NullHandling.Propagate"/> functions the caller has already combined the
/// arguments' validity into <c>result.Validity</c>; the kernel computes every lane's value (lanes
/// of null rows may hold anything) and must not fault on garbage in null lanes. Custom-null kernels
/// set <c>result.Validity</c> themselves. At least one argument is an array; others may be scalars.
/// </remarks>
internal abstract class Kernel
{
    public abstract void Execute(ChunkValue[] args, ChunkValue result);
}
