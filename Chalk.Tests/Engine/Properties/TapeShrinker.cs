namespace Chalk.Tests.Engine.Properties;

/// <summary>Shrinks a failing tape deterministically (drop blocks, then zero entries), keeping each change under which
/// the case still fails the same way: CsCheck's shrinking only re-samples smaller random tapes, which rarely hits a
/// smaller failing graph, so the survey uses this to print a small repro.</summary>
internal static class TapeShrinker
{
    public static async Task<int[]> ShrinkAsync(int[] tape, Func<int[], Task<bool>> fails, int budget)
    {
        var best = tape;
        bool progress = true;
        while (progress && budget > 0)
        {
            progress = false;
            foreach (int size in new[] { 64, 16, 4, 1 })
            {
                for (int i = best.Length - size; i >= 0 && budget > 0; i -= size)
                {
                    var candidate = best[..i].Concat(best[(i + size)..]).ToArray();
                    budget--;
                    if (await fails(candidate)) { best = candidate; progress = true; }
                }
            }
            for (int i = 0; i < best.Length && budget > 0; i++)
            {
                if (best[i] == 0) continue;
                var candidate = (int[])best.Clone();
                candidate[i] = 0;
                budget--;
                if (await fails(candidate)) { best = candidate; progress = true; }
            }
        }
        return best;
    }
}
