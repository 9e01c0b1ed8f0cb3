using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Chalk.Expressions.Lifting.Il;

/// <summary>Finds the source line of an IL offset from the assembly's portable PDB (next to the assembly), when there is one.</summary>
internal static class SourceLocator
{
    private static readonly Dictionary<string, MetadataReaderProvider?> s_providers = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();

    /// <summary>Returns "File.cs:line", or null when no PDB or sequence point is available.</summary>
    public static string? Locate(MethodBase method, int ilOffset)
    {
        if (ilOffset < 0) return null;
        try
        {
            var location = method.Module.Assembly.Location;
            if (string.IsNullOrEmpty(location)) return null;
            var pdb = Path.ChangeExtension(location, ".pdb");
            MetadataReaderProvider? provider;
            lock (s_lock)
            {
                if (!s_providers.TryGetValue(pdb, out provider))
                {
                    provider = File.Exists(pdb) ? MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(File.ReadAllBytes(pdb))) : null;
                    s_providers[pdb] = provider;
                }
            }
            if (provider is null) return null;
            var reader = provider.GetMetadataReader();
            var handle = MetadataTokens.MethodDefinitionHandle(method.MetadataToken);
            var info = reader.GetMethodDebugInformation(handle.ToDebugInformationHandle());
            SequencePoint? best = null;
            foreach (var sp in info.GetSequencePoints())
            {
                if (sp.IsHidden || sp.Offset > ilOffset) continue;
                if (best is null || sp.Offset >= best.Value.Offset) best = sp;
            }
            if (best is not { } p) return null;
            var doc = reader.GetDocument(p.Document);
            return $"{Path.GetFileName(reader.GetString(doc.Name))}:{p.StartLine}";
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
