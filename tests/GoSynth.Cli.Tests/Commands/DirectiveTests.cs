using System.Text.Json;
using GoSynth.Cli.Tests.Support;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

/// <summary>Every directive in-process, on real bmake scans of samples/ports and a fake executor that writes real packages.</summary>
public sealed class DirectiveTests
{
    private static void RequireBmake() => Assert.SkipUnless(CliRun.HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");

    [Fact]
    public async Task Status_NoPortsAndNoPkgDatabase_SaysSoInOneLineAndExitsTwo()
    {
        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(pkgDatabase: "/nonexistent/local.sqlite"), "status");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("", output);
        var line = Assert.Single(CliRun.Lines(error));
        Assert.Contains("no pkg database (/nonexistent/local.sqlite)", line, StringComparison.Ordinal);
        Assert.Contains("status-everything", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NoPorts_ScansTheInstalledSetWithFlavorsFromThePkgDatabase()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var db = CliRun.PkgDatabase(dir, ("misc/hello", null), ("editors/tedit", "gui"));

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(pkgDatabase: db), "status", "--json", "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var requested = json.RootElement.GetProperty("requested").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["editors/tedit@gui", "misc/hello"], requested.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StatusAndUpgradeSystem_EmptyPkgDatabase_ExitTwoInsteadOfTakingTheWholeTree()
    {
        using var dir = new TempDirectory();
        var db = CliRun.PkgDatabase(dir);
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor();

        var status = await CliRun.RunAsync(CliRun.Host(pkgDatabase: db), "status", "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache");
        var upgrade = await CliRun.RunAsync(CliRun.Host(executor, pkgDatabase: db), "-C", etc, "-y", "upgrade-system");

        Assert.Equal(ExitCodes.Usage, status.Exit);
        Assert.Equal("", status.Output);
        Assert.Contains("lists no installed package", Assert.Single(CliRun.Lines(status.Error)), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, upgrade.Exit);
        Assert.Contains("nothing to rebuild", Assert.Single(CliRun.Lines(upgrade.Error)), StringComparison.Ordinal);
        Assert.Empty(executor.Requests);
    }

    [Fact]
    public async Task UpgradeAndPrepareSystem_NoPkgDatabase_ExitTwo()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        foreach (var directive in new[] { "upgrade-system", "prepare-system" })
        {
            var (exit, _, error) = await CliRun.RunAsync(CliRun.Host(new FakePortBuildExecutor()), "-C", etc, "-y", directive);

            Assert.Equal(ExitCodes.Usage, exit);
            Assert.Contains("no pkg database", Assert.Single(CliRun.Lines(error)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PrepareSystem_BuildsTheInstalledSetAndTheCatalog()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var db = CliRun.PkgDatabase(dir, ("misc/hello", null));
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(executor, pkgDatabase: db), "-C", etc, "-y", "-S", "prepare-system");

        Assert.True(exit == 0, output + error);
        Assert.Contains(executor.Requests, r => r.Node.Id.ToString() == "misc/hello");
        Assert.DoesNotContain(executor.Requests, r => r.Node.Id.ToString() == "editors/tedit@gui");
        Assert.Contains("Repository catalog rebuilt", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusEverything_Json_HasTheDocumentedFields()
    {
        RequireBmake();
        var (exit, output, error) = await CliRun.RunAsync("status-everything", "--json", "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(RepositoryPaths.SamplePorts, root.GetProperty("portsDirectory").GetString());
        Assert.Equal(23, root.GetProperty("totals").GetProperty("nodes").GetInt32());
        var hello = root.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "misc/hello");
        Assert.Equal("build", hello.GetProperty("state").GetString());
        Assert.NotEmpty(hello.GetProperty("distfiles").EnumerateArray());
    }

    [Fact]
    public async Task Why_Json_GivesTheReasonChainDownToTheCause()
    {
        RequireBmake();
        var (exit, output, error) = await CliRun.RunAsync("why", "sysutils/svcmon", "--json", "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("gosynth.why/1", root.GetProperty("schema").GetString());
        Assert.Equal("sysutils/svcmon", root.GetProperty("port").GetString());
        Assert.Equal("skipped", root.GetProperty("action").GetString());
        var chain = root.GetProperty("chain").EnumerateArray().ToList();
        Assert.True(chain.Count >= 2, output);
        Assert.Equal("sysutils/svcmon", chain[0].GetProperty("port").GetString());
        Assert.Equal("sysutils/legacyd", chain[0].GetProperty("cause").GetString());
        Assert.Equal("sysutils/legacyd", chain[^1].GetProperty("port").GetString());
        Assert.Equal("ignored", chain[^1].GetProperty("action").GetString());
    }

    [Fact]
    public async Task Why_Text_NamesTheDecisionAndEachStep()
    {
        RequireBmake();
        var (exit, output, error) = await CliRun.RunAsync("why", "misc/hello", "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache");

        Assert.True(exit == 0, error);
        var lines = CliRun.Lines(output);
        Assert.Equal("misc/hello: would be built", lines[0]);
        Assert.StartsWith("misc/hello: ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_Json_GivesEtaPerPolicyAndTheScheduleOfEveryPort()
    {
        RequireBmake();
        var (exit, output, error) = await CliRun.RunAsync("simulate", "--json", "--builders", "2", "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("gosynth.simulate/1", root.GetProperty("schema").GetString());
        Assert.Equal(2, root.GetProperty("builders").GetInt32());
        Assert.Equal(23, root.GetProperty("ports").GetInt32());
        Assert.Equal(18, root.GetProperty("toBuild").GetInt32());
        var lowerBound = root.GetProperty("lowerBoundSeconds").GetDouble();
        Assert.True(lowerBound > 0);
        var policies = root.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(["CriticalPath", "DsynthAsCoded", "PoudriereLongestChain", "Fifo"], policies.Select(p => p.GetProperty("policy").GetString()));
        Assert.All(policies, p => Assert.True(p.GetProperty("makespanSeconds").GetDouble() >= lowerBound - 0.001));
        var schedule = root.GetProperty("schedule").EnumerateArray().Select(s => s.GetProperty("port").GetString()).ToList();
        Assert.True(schedule.IndexOf("ports-mgmt/pkg") < schedule.IndexOf("misc/hello"), output);
    }

    [Fact]
    public async Task History_AfterBuildsAndAnImport_ListsTheAttemptsNewestFirst()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All"), Failing = new HashSet<string> { "broken/badcode" } };
        var (buildExit, buildOutput, buildError) = await CliRun.RunAsync(CliRun.Host(executor), "-C", etc, "-y", "-S", "just-build", "misc/hello", "broken/badcode");
        Assert.True(buildExit == ExitCodes.Failure, buildOutput + buildError);
        var log = dir.WriteFile("00_last_results.log",
            "[001] START   misc/hello                                    ##idep=02 depi=10/03 dep=0.01G\n" +
            "[001] SUCCESS misc/hello                                                 00:01:23\n" +
            "[002] FAILURE lang/rust 14                                          build 02:10:00\n");

        var (importExit, importOutput, importError) = await CliRun.RunAsync("-C", etc, "import-durations", log);
        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "history", "misc/hello", "--json");
        var (textExit, text, _) = await CliRun.RunAsync("-C", etc, "history", "broken/badcode");

        Assert.True(importExit == 0, importOutput + importError);
        Assert.StartsWith("Imported 1 build durations from " + log, importOutput, StringComparison.Ordinal);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var attempts = json.RootElement.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal("gosynth.history/1", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal(2, attempts.Count);
        Assert.Equal(83, attempts[0].GetProperty("seconds").GetDouble());
        Assert.Contains("imported from", attempts[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("success", attempts[1].GetProperty("status").GetString());
        Assert.True(attempts[0].GetProperty("id").GetInt64() > attempts[1].GetProperty("id").GetInt64());
        Assert.Equal(0, textExit);
        Assert.Matches(@"failed\s+broken/badcode", text);
    }

    [Fact]
    public async Task Test_RebuildsInDeveloperModeWithCheckPlistAndNoCatalog()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(executor), "-C", etc, "-y", "-S", "test", "misc/hello");

        Assert.True(exit == 0, output + error);
        var options = Assert.Single(executor.Contexts).Options;
        Assert.True(options.CheckPlist);
        Assert.Contains("DEVELOPER=yes", options.MakeConf);
        Assert.DoesNotContain("Repository catalog", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_OnLinux_BuildsThenSaysInstallingNeedsTheTargetsPkg()
    {
        RequireBmake();
        Assert.SkipWhen(GoSynth.Pkg.Profiles.TargetProfile.IsBsdHost, "on FreeBSD/DragonFly install runs pkg add");
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(executor), "-C", etc, "-y", "-S", "install", "misc/hello");

        Assert.True(exit == 0, output + error);
        Assert.Contains("Repository catalog rebuilt", output, StringComparison.Ordinal);
        Assert.Contains("Not installed: installing needs the target's pkg(8)", CliRun.Lines(output)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_ListsEveryKeyWithItsValueAndWhereItCameFrom()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var ini = Path.Combine(etc, "dsynth.ini");
        var lines = await File.ReadAllLinesAsync(ini, CliRun.Ct);
        var builders = Array.FindIndex(lines, l => l.StartsWith("Number_of_builders", StringComparison.Ordinal)) + 1;

        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "configure");

        Assert.True(exit == 0, error);
        Assert.StartsWith($"Configuration {ini}, profile [LiveSystem]", output, StringComparison.Ordinal);
        Assert.Matches($@"Number_of_builders\s+= 2\s+# {System.Text.RegularExpressions.Regex.Escape(ini)}:{builders} \[LiveSystem\]", output);
        Assert.Matches(@"Directory_portsdir\s+= " + System.Text.RegularExpressions.Regex.Escape(RepositoryPaths.SamplePorts), output);
        Assert.Matches(@"Meta_version\s+= \d\s+# default", output);
        Assert.Matches(@"Disable_throttle\s+= false\s+# default, GoSynth only", output);
        Assert.Matches(@"Slot_backend\s+= auto\s+# .*dsynth.ini:\d+ \[LiveSystem\], GoSynth only", output);
        Assert.Matches(@"profile_selected\s+= LiveSystem", output);
    }

    [Fact]
    public async Task Logs_WithoutAPort_ListsTheLogFilesAndWithOnePrintsItsPathAndTail()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        Directory.CreateDirectory(dir.Combine("logs"));
        await File.WriteAllLinesAsync(dir.Combine("logs", "editors___tedit@gui.log"), Enumerable.Range(1, 30).Select(i => $"line {i}"), CliRun.Ct);

        var (exit, output, _) = await CliRun.RunAsync("-C", etc, "logs");
        var (portExit, portOutput, _) = await CliRun.RunAsync("-C", etc, "logs", "editors/tedit@gui", "-n", "3");
        var (missingExit, _, missingError) = await CliRun.RunAsync("-C", etc, "logs", "misc/hello");

        Assert.Equal(0, exit);
        Assert.Equal("Logs: " + dir.Combine("logs"), CliRun.Lines(output)[0]);
        Assert.Contains(dir.Combine("logs", "00_last_results.log"), output, StringComparison.Ordinal);
        Assert.Equal(0, portExit);
        Assert.Equal([dir.Combine("logs", "editors___tedit@gui.log"), "line 28", "line 29", "line 30"], CliRun.Lines(portOutput));
        Assert.Equal(ExitCodes.Failure, missingExit);
        Assert.Contains("misc___hello.log", Assert.Single(CliRun.Lines(missingError)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PurgeDistfiles_WithYes_DeletesOnlyTheFilesNoPortNames()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var (statusExit, statusJson, statusError) = await CliRun.RunAsync("status", "misc/hello", "--json", "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache");
        Assert.True(statusExit == 0, statusError);
        using var status = JsonDocument.Parse(statusJson);
        var used = status.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "misc/hello")
            .GetProperty("distfiles").EnumerateArray().First().GetString()!;
        var kept = dir.WriteFile(Path.Combine("distfiles", used), "source");
        var stray = dir.WriteFile(Path.Combine("distfiles", "old", "gone-0.1.tar.gz"), "old");
        var lockFile = dir.WriteFile(Path.Combine("distfiles", ".locks", "x.lk"), "");

        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "-y", "purge-distfiles");

        Assert.True(exit == 0, output + error);
        Assert.Contains("old/gone-0.1.tar.gz", output, StringComparison.Ordinal);
        Assert.Contains("Deleted 1 distfiles.", output, StringComparison.Ordinal);
        Assert.False(File.Exists(stray));
        Assert.True(File.Exists(kept));
        Assert.True(File.Exists(lockFile));
    }

    [Fact]
    public async Task ResetDb_WithYes_DeletesTheDatabaseAndSaysSo()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var path = dir.Combine("build", "gosynth.db");
        Directory.CreateDirectory(dir.Combine("build"));
        await using (await GoSynth.BuildDb.BuildDatabase.OpenAsync(path, cancellationToken: CliRun.Ct))
        {
        }

        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "-y", "reset-db");
        var (again, againOutput, _) = await CliRun.RunAsync("-C", etc, "-y", "reset-db");

        Assert.True(exit == 0, error);
        Assert.StartsWith("Deleted " + path, output, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.Equal(0, again);
        Assert.StartsWith("No build database at " + path, againOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetDb_TerminalAnswersNo_KeepsTheDatabase()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var path = dir.Combine("build", "gosynth.db");
        Directory.CreateDirectory(dir.Combine("build"));
        await using (await GoSynth.BuildDb.BuildDatabase.OpenAsync(path, cancellationToken: CliRun.Ct))
        {
        }

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(terminal: true, input: "n\n"), "-C", etc, "reset-db");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("Delete the build database " + path, output, StringComparison.Ordinal);
        Assert.Contains("not confirmed", error, StringComparison.Ordinal);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Cleanup_NoStaleSlot_SaysSo()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);

        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "cleanup");

        Assert.True(exit == 0, error);
        Assert.Equal($"No stale slot under {dir.Combine("build")}.", Assert.Single(CliRun.Lines(output)));
    }

    [Fact]
    public async Task Cleanup_StaleSlotDirectory_IsTornDown()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        Directory.CreateDirectory(dir.Combine("build", "SL01", "usr"));

        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "cleanup");

        Assert.True(exit == 0, output + error);
        Assert.Equal("Torn down " + dir.Combine("build", "SL01"), Assert.Single(CliRun.Lines(output)));
        Assert.False(Directory.Exists(dir.Combine("build", "SL01")));
    }

    [Fact]
    public async Task RebuildRepositoryAndVerify_WithoutPackages_UseTheConfiguredDirectory()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };
        var (buildExit, buildOutput, buildError) = await CliRun.RunAsync(CliRun.Host(executor), "-C", etc, "-y", "-S", "just-build", "misc/hello");
        Assert.True(buildExit == 0, buildOutput + buildError);

        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "rebuild-repository");
        var (verifyExit, verifyOutput, verifyError) = await CliRun.RunAsync("-C", etc, "verify", "--json");

        Assert.True(exit == 0, output + error);
        Assert.Contains("in " + dir.Combine("packages"), output, StringComparison.Ordinal);
        Assert.True(verifyExit == 0, verifyOutput + verifyError);
        using var json = JsonDocument.Parse(verifyOutput);
        Assert.Equal(dir.Combine("packages"), json.RootElement.GetProperty("repository").GetString());
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.True(json.RootElement.GetProperty("checked").GetInt32() >= 2);
        Assert.Empty(json.RootElement.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Everything_BuildsTheWholeTree()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All"), Failing = new HashSet<string> { "broken/badcode" } };

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(executor), "-C", etc, "-y", "-S", "everything");

        Assert.True(exit == ExitCodes.Failure, output + error);
        Assert.Matches(@"run 1: 18 of 23 ports to build", output);
        Assert.Contains(executor.Requests, r => r.Node.Id.ToString() == "editors/tedit@gui");
    }

    [Fact]
    public async Task VersionAndHelp_NeedNoConfigurationAndHelpDescribesOneDirective()
    {
        var (exit, output, _) = await CliRun.RunAsync("version", "--json");
        var (helpExit, help, _) = await CliRun.RunAsync("help", "why");
        var (badExit, _, badError) = await CliRun.RunAsync("help", "nonsense");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("gosynth.version/1", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal("gosynth", json.RootElement.GetProperty("name").GetString());
        Assert.StartsWith("0.1.0", json.RootElement.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, helpExit);
        Assert.Contains("why <port> [options]", help, StringComparison.Ordinal);
        Assert.Contains("--json", help, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, badExit);
        Assert.Single(CliRun.Lines(badError));
    }

    [Fact]
    public async Task GlobalFlags_GoBeforeOrAfterTheDirectiveWithShortAndLongForms()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);

        var (before, beforeOutput, _) = await CliRun.RunAsync("-C", etc, "-P", "configure");
        var (after, afterOutput, _) = await CliRun.RunAsync("configure", "--config-dir", etc, "--development");

        Assert.Equal(0, before);
        Assert.Contains("Flags: check-plist on (-P)", beforeOutput, StringComparison.Ordinal);
        Assert.Equal(0, after);
        Assert.Contains("Flags: check-plist on, DEVELOPER=yes (-D)", afterOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_ShowsTheLibrariesDebugMessagesOnStandardErrorAndOnlyThen()
    {
        RequireBmake();
        string[] status = ["status", "misc/hello", "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache"];

        var (exit, output, error) = await CliRun.RunAsync(["-d", .. status]);
        var (quietExit, quietOutput, quietError) = await CliRun.RunAsync(status);

        Assert.True(exit == 0, error);
        Assert.Contains(CliRun.Lines(error), l => l.StartsWith("gosynth: debug: ", StringComparison.Ordinal) && l.Contains("[GoSynth.", StringComparison.Ordinal));
        Assert.DoesNotContain("gosynth: debug:", output, StringComparison.Ordinal);
        Assert.True(quietExit == 0, quietError);
        Assert.DoesNotContain("debug", quietError, StringComparison.Ordinal);
        Assert.Equal(Normalize(output), Normalize(quietOutput));
    }

    [Fact]
    public async Task WhyAndSimulate_WhileABuildHoldsTheDatabase_StillAnswerAndWriteNothing()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };
        var (buildExit, buildOutput, buildError) = await CliRun.RunAsync(CliRun.Host(executor), "-C", etc, "-y", "-S", "just-build", "misc/hello");
        Assert.True(buildExit == 0, buildOutput + buildError);
        var db = dir.Combine("build", "gosynth.db");
        await using var holder = await GoSynth.BuildDb.BuildDatabase.OpenAsync(db, cancellationToken: CliRun.Ct);
        var length = new FileInfo(db).Length;

        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "why", "misc/hello");
        var (simulateExit, _, simulateError) = await CliRun.RunAsync("-C", etc, "simulate", "misc/hello", "--json");

        Assert.True(exit == 0, error);
        Assert.StartsWith("misc/hello: is up to date, not rebuilt", output, StringComparison.Ordinal);
        Assert.True(simulateExit == 0, simulateError);
        Assert.Equal(length, new FileInfo(db).Length);
    }

    [Fact]
    public async Task Force_RebuildsTheNamedPortThatIsUpToDate()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };
        var (buildExit, buildOutput, buildError) = await CliRun.RunAsync(CliRun.Host(executor), "-C", etc, "-y", "-S", "just-build", "misc/hello");
        Assert.True(buildExit == 0, buildOutput + buildError);
        executor.Requests.Clear();

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(executor), "-C", etc, "-y", "-S", "force", "misc/hello");

        Assert.True(exit == 0, output + error);
        Assert.Equal(["misc/hello"], executor.Requests.Select(r => r.Node.Id.ToString()));
        Assert.Contains("Repository catalog rebuilt", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpgradeSystem_BuildsTheInstalledSetThenNamesTheUpgradeToRun()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var db = CliRun.PkgDatabase(dir, ("editors/tedit", "gui"));
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(executor, pkgDatabase: db), "-C", etc, "-y", "-S", "upgrade-system");

        Assert.True(exit == 0, output + error);
        Assert.Contains(executor.Requests, r => r.Node.Id.ToString() == "editors/tedit@gui");
        Assert.DoesNotContain(executor.Requests, r => r.Node.Id.ToString() == "misc/hello");
        Assert.Equal("The repository is up to date; upgrade this host with: pkg upgrade", CliRun.Lines(output)[^1]);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("0", 2)]
    [InlineData("2", 2)]
    public async Task SlowStart_SetsWhereTheThrottleStarts(string? slowStart, int expected)
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        Microsoft.Extensions.DependencyInjection.IServiceCollection? composed = null;
        var host = new CliHost { PkgDatabase = "/nonexistent", ConfigureServices = s => composed = s };
        string[] flags = slowStart is null ? ["-C", etc] : ["-C", etc, "-s", slowStart];

        var (exit, output, error) = await CliRun.RunAsync(host, [.. flags, "cleanup"]);

        Assert.True(exit == 0, output + error);
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(composed!);
        var limit = Assert.IsType<GoSynth.Builder.Scheduling.MetricsWorkerLimit>(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<GoSynth.Builder.Scheduling.IWorkerLimit>(provider));
        Assert.Equal(expected, limit.Throttle.Current);
    }

    private static string Normalize(string statusText) => System.Text.RegularExpressions.Regex.Replace(statusText, @"scan: \d+ make queries, \d+ from cache", "scan");
}
