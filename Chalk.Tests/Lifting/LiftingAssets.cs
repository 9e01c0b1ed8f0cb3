using System.Reflection;

namespace Chalk.Tests.Lifting;

/// <summary>The test methods, compiled twice: without optimization (Debug IL) and with it (Release IL).</summary>
public enum IlFlavor
{
    Debug,
    Release,
}

internal static class LiftingAssets
{
    public static Assembly Load(IlFlavor flavor) => Assembly.Load(flavor == IlFlavor.Debug ? "Chalk.Tests.LiftingAssets" : "Chalk.Tests.LiftingAssets.Release");

    public static MethodInfo Method(IlFlavor flavor, string type, string name) =>
        Load(flavor).GetType("Chalk.Tests.LiftingAssets." + type, throwOnError: true)!
            .GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        ?? throw new ArgumentException($"no method {type}.{name}");
}
