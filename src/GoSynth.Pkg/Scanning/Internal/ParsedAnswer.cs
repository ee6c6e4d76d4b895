using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>A parsed answer: the node's result, and the port's <c>FLAVOR</c> and the tree's <c>PKG_ORIGIN</c> as make printed them (null when empty or unread).</summary>
internal readonly record struct ParsedAnswer(PortQueryResult Result, string? Flavor = null, string? PkgOrigin = null);
