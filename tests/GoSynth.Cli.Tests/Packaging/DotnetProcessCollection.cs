namespace GoSynth.Cli.Tests.Packaging;

/// <summary>
/// Tests that start the .NET SDK itself (dotnet pack, dotnet tool install, dotnet run): one at a time, since each
/// builds, restores or publishes with several processes of its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DotnetProcessCollection
{
    public const string Name = "dotnet processes";
}
