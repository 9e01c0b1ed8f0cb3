using Spectre.Console;

namespace Chalk.Cli.Commands;

/// <summary>The progress bar of a batch query, drawn by Spectre.Console on standard error, only for a person at a terminal:
/// never when either stream is redirected (a pipe, a file, a test) or under CI.</summary>
internal static class BatchProgressBar
{
    /// <summary>Whether to draw: the command writes to the real console, both streams are terminals, and <c>CI</c> is unset.</summary>
    public static bool Wanted(TextWriter output)
        => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected
           && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Runs <paramref name="query"/> with a bar that follows its progress (operators done of all).</summary>
    public static async Task<T> RunAsync<T>(string title, Func<IProgress<QueryProgress>, Task<T>> query)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                result = await query(new Bar(task, title)).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    private sealed class Bar(ProgressTask task, string title) : IProgress<QueryProgress>
    {
        public void Report(QueryProgress value)
        {
            task.MaxValue = Math.Max(1, value.Operators);
            task.Value = value.OperatorsDone;
            task.Description = Markup.Escape(value.LastOperator is { } last ? $"{title}: {last}" : title);
        }
    }
}
