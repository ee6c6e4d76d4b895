#!/usr/bin/env -S dotnet run
#:project ../../src/GoSynth.Builder/GoSynth.Builder.csproj

// Scans a ports tree and prints the build plan in build order: what would be built, what is up to date, ignored or
// cannot be built, and why. A .NET 10 file-based program on GoSynth's libraries, without DI:
//
//   dotnet run samples/scripts/plan.cs -- <ports tree> [category/port ...] [--packages DIR]
//
// With no ports it plans the whole tree. --packages names a package repository (the directory holding the .pkg
// files); a port whose package is there is still rebuilt here, since this script passes no build history. Outside
// this repository use `#:package GoSynth.Builder@0.1.0` instead of the `#:project` line.

using GoSynth.Builder.Planning;
using GoSynth.Environment.Processes;
using GoSynth.Pkg;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;

if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: dotnet run plan.cs -- <ports tree> [category/port ...] [--packages DIR]");
    return 2;
}

var tree = Path.GetFullPath(args[0]);
var packages = Path.Combine(Path.GetTempPath(), "gosynth-plan-no-packages");
var ports = new List<string>();
for (var i = 1; i < args.Length; i++)
{
    if (args[i] == "--packages" && i + 1 < args.Length)
    {
        packages = Path.GetFullPath(args[++i]);
    }
    else
    {
        ports.Add(args[i]);
    }
}

// On Linux the tree is evaluated as FreeBSD 14.2 would see it (bmake and GoSynth's stub system makefiles).
var profile = TargetProfile.IsBsdHost ? TargetProfile.Native : TargetProfile.FreeBsd("14.2", "amd64");
var scanner = new PortScanner(new PkgOptions { PortsDirectory = tree, Profile = profile }, new ProcessRunner());
var request = ports.Count == 0 ? ScanRequest.Everything : ScanRequest.For(ports.Select(scanner.ParseSpec));
var scan = await scanner.ScanToListAsync(request);
var graph = PortGraph.Build(scan);
var plan = BuildPlanner.Create(graph, new BuildHistorySnapshot(), new PlanOptions { PortsDirectory = tree, RepositoryDirectory = packages });

foreach (var node in graph.TopologicalOrder)
{
    var entry = plan[node];
    Console.WriteLine($"{entry.Action,-11} {entry.Id,-28} {entry.Reason}");
}

Console.WriteLine(
    $"plan: {graph.Count} ports, {plan.CountOf(PlanAction.Build)} to build, {plan.CountOf(PlanAction.UpToDate)} up to date, " +
    $"{plan.CountOf(PlanAction.Meta)} meta, {plan.CountOf(PlanAction.Ignored)} ignored, " +
    $"{plan.CountOf(PlanAction.Skipped) + plan.CountOf(PlanAction.Unbuildable)} cannot be built");
return 0;
