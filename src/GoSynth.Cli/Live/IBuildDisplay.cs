using GoSynth.Builder.Events;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Cli.Live;

/// <summary>
/// How a build is shown: it takes the run's events and the scan's progress, and is disposed when the directive ends
/// (also when the run never started), leaving the terminal as it found it.
/// </summary>
internal interface IBuildDisplay : IBuildEventSink, IProgress<ScanProgress>, IAsyncDisposable;
