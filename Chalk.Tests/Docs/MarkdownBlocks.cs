using System.Text.RegularExpressions;

namespace Chalk.Tests.Docs;

/// <summary>A fenced code block of a markdown file.</summary>
/// <param name="Doc">The markdown file, relative to the repository root (for messages).</param>
/// <param name="Line">The 1-based line of the block's first content line.</param>
/// <param name="Language">The info string's first word, lower case; empty for a plain fence.</param>
/// <param name="Text">The content, with the fence's indentation removed.</param>
/// <param name="Marker">The text of an HTML comment on the last non-blank line before the fence, or null.</param>
internal sealed record CodeBlock(string Doc, int Line, string Language, string Text, string? Marker)
{
    /// <summary>Where the block is, for messages: <c>docs/x.md:12 (```csharp)</c>.</summary>
    public string Where => $"{Doc}:{Line} (```{Language})";

    /// <summary>Whether the marker is <paramref name="name"/> or starts with <c>name:</c>.</summary>
    public bool Is(string name) => Marker is { } m && (m == name || m.StartsWith(name + ":", StringComparison.Ordinal));

    /// <summary>The text after <c>name:</c> in the marker.</summary>
    public string MarkerArgument(string name) => Marker![(name.Length + 1)..].Trim();
}

/// <summary>Finds the fenced code blocks of a markdown file, with the marker comment before each.</summary>
internal static partial class MarkdownBlocks
{
    public static IReadOnlyList<CodeBlock> Parse(string doc, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<CodeBlock>();
        string? lastNonBlank = null;
        for (int i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                if (lines[i].Trim().Length > 0) lastNonBlank = lines[i].Trim();
                continue;
            }
            var indent = open.Groups["indent"].Value.Length;
            var fence = open.Groups["fence"].Value;
            var language = open.Groups["info"].Value.Trim().Split(' ', 2)[0].ToLowerInvariant();
            var content = new List<string>();
            int j = i + 1;
            for (; j < lines.Length && !IsClosing(lines[j], fence); j++)
                content.Add(lines[j].Length >= indent && lines[j][..indent].Trim().Length == 0 ? lines[j][indent..] : lines[j].TrimStart());
            if (j == lines.Length) throw new FormatException($"{doc}:{i + 1}: the fence opened here is never closed");
            var marker = lastNonBlank is { } prev && Comment().Match(prev) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
            blocks.Add(new CodeBlock(doc, i + 2, language, string.Join('\n', content), marker));
            lastNonBlank = lines[j].Trim();
            i = j;
        }
        return blocks;
    }

    private static bool IsClosing(string line, string fence)
    {
        var t = line.Trim();
        return t.Length >= fence.Length && t.All(c => c == fence[0]);
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?<fence>```+|~~~+)(?<info>.*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^<!--(.*)-->$")]
    private static partial Regex Comment();
}
