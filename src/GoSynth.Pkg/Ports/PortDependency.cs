namespace GoSynth.Pkg.Ports;

/// <summary>
/// One parsed token of a <c>*_DEPENDS</c> variable, such as <c>pkg&gt;=1.2:devel/foo</c>, <c>libfoo.so:devel/foo</c>,
/// <c>/usr/local/bin/x:devel/foo@py39</c> or <c>tool:devel/foo:patch</c>.
/// </summary>
/// <param name="Kind">Which <c>*_DEPENDS</c> variable it came from.</param>
/// <param name="Port">The port that satisfies it. Its flavor is the one written after <c>@</c>, or null for the default.</param>
/// <param name="Pattern">What is required, the part before the first colon: a package pattern, a library, a path or a program.</param>
/// <param name="MakeTarget">The <c>:target</c> suffix (the make target to run in the dependency), or null.</param>
/// <param name="Raw">The token as make printed it.</param>
public sealed record PortDependency(DependencyKind Kind, PortId Port, string Pattern, string? MakeTarget, string Raw);
