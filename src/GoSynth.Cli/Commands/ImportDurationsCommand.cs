using System.CommandLine;
using System.Globalization;
using GoSynth.Builder.History;
using GoSynth.BuildDb;
using GoSynth.Cli.Hosting;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth import-durations &lt;log&gt; [--format dsynth|poudriere]</c>: seeds the build database with how long ports
/// took under dsynth (its <c>00_last_results.log</c>) or poudriere (a build's log), so the first GoSynth build
/// schedules by real durations. Each successful build becomes one attempt of an "import" run; no package file or
/// fingerprint is recorded, so nothing is considered up to date because of it.
/// </summary>
internal static class ImportDurationsCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var log = new Argument<FileInfo>("log") { Description = "dsynth's 00_last_results.log (or 01_success_list.log), or a poudriere build log." };
        var format = new Option<string>("--format") { Description = "The log's format: dsynth, poudriere, or auto (default: by its lines).", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "dsynth", "poudriere");
        var command = new Command("import-durations", "Seed the build database with build durations from a dsynth or poudriere log.") { log, format };
        CliAction.Set(command, global, host, async invocation =>
        {
            var options = CliServices.LoadConfiguration(invocation);
            var file = invocation.Get(log)!.FullName;
            if (!File.Exists(file))
            {
                throw CliException.Usage($"{file}: no such file");
            }

            var result = Read(file, invocation.Get(format) ?? "auto");
            foreach (var unparsed in result.Unparsed.Take(5))
            {
                await invocation.ErrorLineAsync(string.Create(CultureInfo.InvariantCulture, $"{file}:{unparsed.Line}: skipped: {unparsed.Problem}")).ConfigureAwait(false);
            }

            var succeeded = result.Builds.Where(b => b.Succeeded && b.Duration > TimeSpan.Zero).ToList();
            if (succeeded.Count == 0)
            {
                await invocation.ErrorLineAsync($"{file}: no successful build with a duration found ({result.Builds.Length} builds, {result.Unparsed.Length} lines not understood); nothing imported").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var directory = Path.GetDirectoryName(options.EffectiveDatabasePath)!;
            Directory.CreateDirectory(directory);
            var database = await BuildDatabase.OpenAsync(options.EffectiveDatabasePath, cancellationToken: invocation.CancellationToken).ConfigureAwait(false);
            await using (database.ConfigureAwait(false))
            {
                var run = await database.StartRunAsync("import:" + Path.GetFileName(file), invocation.CancellationToken).ConfigureAwait(false);
                var start = run.Start;
                var records = succeeded.Select(b => new AttemptRecord(b.Port.ToString(), VersionOf(b.PackageName), AttemptStatus.Success)
                {
                    Start = start,
                    End = start + b.Duration,
                    Reason = string.Create(CultureInfo.InvariantCulture, $"duration imported from {file} line {b.Line}"),
                }).ToList();
                await database.RecordAttemptsAsync(run.Id, records, invocation.CancellationToken).ConfigureAwait(false);
                await database.FinishRunAsync(run.Id, RunOutcome.Completed, invocation.CancellationToken).ConfigureAwait(false);
                await invocation.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Imported {records.Count} build durations from {file} into {database.Path} (run {run.Id}); {result.Builds.Length - records.Count} failed or zero-length builds and {result.Unparsed.Length} other lines left out"))
                    .ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static LogImportResult Read(string file, string format)
    {
        LogImportResult Parse(bool poudriere)
        {
            using var reader = File.OpenText(file);
            return poudriere ? BuildLogImport.ReadPoudriere(reader) : BuildLogImport.ReadDsynth(reader);
        }

        return format switch
        {
            "dsynth" => Parse(poudriere: false),
            "poudriere" => Parse(poudriere: true),
            _ => new[] { Parse(poudriere: false), Parse(poudriere: true) }.MaxBy(r => r.Builds.Length)!,
        };
    }

    /// <summary>The version of a package name such as <c>hello-1.0_1</c>; empty when the log names no package.</summary>
    private static string VersionOf(string? packageName) =>
        packageName is { } name && name.LastIndexOf('-') is var dash and > 0 ? name[(dash + 1)..] : "";
}
