using System.CommandLine;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Running;
using GoSynth.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace GoSynth.Cli.Tests.Support;

/// <summary>Runs gosynth in-process the way the process does (parse errors included) and prepares configurations and pkg databases.</summary>
internal static class CliRun
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static bool HasBmake() => (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
        .Any(d => File.Exists(Path.Combine(d, "bmake")));

    /// <summary>A host with no terminal, no pkg database, and <paramref name="executor"/> as the port build executor when given.</summary>
    public static CliHost Host(FakePortBuildExecutor? executor = null, bool terminal = false, string input = "", string? pkgDatabase = null) => new()
    {
        InputIsTerminal = terminal,
        Input = new StringReader(input),
        PkgDatabase = pkgDatabase ?? "/nonexistent/pkg/local.sqlite",
        ConfigureServices = executor is null ? null : s => s.AddSingleton<IPortBuildExecutorFactory>(executor),
    };

    public static async Task<(int Exit, string Output, string Error)> RunAsync(CliHost host, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await GoSynthApp.InvokeAsync(args, host, new InvocationConfiguration { Output = output, Error = error }, Ct);
        return (exit, output.ToString(), error.ToString());
    }

    public static Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => RunAsync(Host(), args);

    /// <summary>A dsynth.ini for samples/ports with every directory in <paramref name="dir"/>; returns the directory holding it.</summary>
    public static string Configure(TempDirectory dir)
    {
        var etc = dir.Combine("etc");
        DsynthConfiguration.Init(etc, new BuilderOptions
        {
            PortsDirectory = RepositoryPaths.SamplePorts,
            PackagesDirectory = dir.Combine("packages"),
            OptionsDirectory = dir.Combine("options"),
            DistfilesDirectory = dir.Combine("distfiles"),
            BuildBase = dir.Combine("build"),
            LogsDirectory = dir.Combine("logs"),
            NumberOfBuilders = 2,
            MaxJobsPerBuilder = 1,
            DisableThrottle = true,
        });
        return etc;
    }

    /// <summary>Writes a pkg(8) local.sqlite holding <paramref name="packages"/> (origin, flavor or null) with pkg's tables for them.</summary>
    public static string PkgDatabase(TempDirectory dir, params (string Origin, string? Flavor)[] packages)
    {
        var path = dir.Combine("local.sqlite");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE packages (id INTEGER PRIMARY KEY, origin TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL);
            CREATE TABLE annotation (annotation_id INTEGER PRIMARY KEY, annotation TEXT NOT NULL UNIQUE);
            CREATE TABLE pkg_annotation (package_id INTEGER, tag_id INTEGER, value_id INTEGER);
            INSERT INTO annotation (annotation_id, annotation) VALUES (1, 'flavor'), (2, 'repository');
            """;
        create.ExecuteNonQuery();
        var id = 0;
        foreach (var (origin, flavor) in packages)
        {
            id++;
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO packages (id, origin, name, version) VALUES ($id, $origin, $name, '1.0')";
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$origin", origin);
            insert.Parameters.AddWithValue("$name", origin.Split('/')[1]);
            insert.ExecuteNonQuery();
            using var other = connection.CreateCommand();
            other.CommandText = "INSERT OR IGNORE INTO annotation (annotation) VALUES ('FreeBSD'); INSERT INTO pkg_annotation VALUES ($id, 2, (SELECT annotation_id FROM annotation WHERE annotation = 'FreeBSD'))";
            other.Parameters.AddWithValue("$id", id);
            other.ExecuteNonQuery();
            if (flavor is not null)
            {
                using var annotate = connection.CreateCommand();
                annotate.CommandText = "INSERT OR IGNORE INTO annotation (annotation) VALUES ($flavor); INSERT INTO pkg_annotation VALUES ($id, 1, (SELECT annotation_id FROM annotation WHERE annotation = $flavor))";
                annotate.Parameters.AddWithValue("$id", id);
                annotate.Parameters.AddWithValue("$flavor", flavor);
                annotate.ExecuteNonQuery();
            }
        }

        return path;
    }

    /// <summary>The lines of <paramref name="text"/> that are not empty.</summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
