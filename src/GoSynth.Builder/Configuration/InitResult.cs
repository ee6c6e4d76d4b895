using System.Collections.Immutable;

namespace GoSynth.Builder.Configuration;

/// <summary>What <see cref="DsynthConfiguration.Init"/> wrote.</summary>
/// <param name="ConfigurationFile">The new dsynth.ini.</param>
/// <param name="MakeConfFile">The new <c>&lt;profile&gt;-make.conf</c>, or null when one existed and was kept.</param>
/// <param name="CreatedDirectories">The directories that did not exist and were created.</param>
public sealed record InitResult(string ConfigurationFile, string? MakeConfFile, ImmutableArray<string> CreatedDirectories);
