using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>A full, comparable text form of a result (records holding immutable arrays compare by reference).</summary>
internal static class ResultText
{
    public static string Of(PortQueryResult r)
    {
        var m = r.Metadata;
        if (m is null)
        {
            return $"{r.Id} {r.Status} {r.Error}";
        }

        return string.Join(
            '|',
            r.Id, r.Status, m.Version, m.PackageFile, string.Join(' ', m.AllFiles), m.DistSubdir, m.MakeJobsNumber, m.IgnoreReason,
            string.Join(' ', m.Dependencies.Select(d => $"{d.Kind}:{d.Port}:{d.Pattern}:{d.MakeTarget}:{d.Raw}")),
            string.Join(' ', m.SelectedOptions), string.Join(' ', m.DeselectedOptions), m.UseLinux, string.Join(' ', m.Flavors), string.Join(' ', m.Uses));
    }

    public static IEnumerable<string> Of(IEnumerable<PortQueryResult> results) => results.Select(Of);
}
