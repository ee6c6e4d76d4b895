using System.Globalization;
using GoSynth.Environment.Processes;
using GoSynth.Pkg;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Benchmarks.Scanning;

/// <summary>
/// A generated ports tree with the file shape of a real one (Makefile, distinfo, pkg-descr, and for most ports a
/// pkg-plist and a few files/patch-*: about 6 files per port; the sample framework's Mk/) and a filled metadata cache,
/// kept under the temporary directory between benchmark processes (generating and cold-scanning 30,000 ports through
/// bmake takes minutes). <see cref="Settle"/> leaves it warm: every stamp clean, so the next scan reads no file.
/// </summary>
internal sealed class WarmScanTree
{
    private WarmScanTree(int ports, string root)
    {
        Ports = ports;
        Root = root;
    }

    public int Ports { get; }

    public string Root { get; }

    public string PortsDirectory => Path.Combine(Root, "ports");

    public string CacheDirectory => Path.Combine(Root, "cache");

    public string WorkDirectory => Path.Combine(Root, "work");

    /// <summary>The generated tree of <paramref name="ports"/> ports, written and cold-scanned on first use, then settled when asked.</summary>
    public static WarmScanTree Open(int ports, bool settle = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "gosynth-bench-warmscan-" + ports.ToString(CultureInfo.InvariantCulture));
        var tree = new WarmScanTree(ports, root);
        var done = Path.Combine(root, "ready");
        if (!File.Exists(done))
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

            PortsTreeGenerator.Generate(tree.PortsDirectory, new PortsTreeGeneratorOptions { PortCount = ports });
            AddFiles(tree.PortsDirectory);
            tree.ScanAsync(new ProcessRunner()).GetAwaiter().GetResult();
            File.WriteAllText(done, "");
        }

        if (settle)
        {
            tree.Settle();
        }

        return tree;
    }

    /// <summary>Files and bytes of the ports (Mk/ and the top-level and category Makefiles included).</summary>
    public (int Files, long Bytes) Size()
    {
        var files = Directory.EnumerateFiles(PortsDirectory, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
        return (files.Count, files.Sum(f => f.Length));
    }

    /// <summary>
    /// Waits until the last change is older than the racy window, then scans once: stamps of files changed just before
    /// the previous scan are read again and saved clean.
    /// </summary>
    public void Settle()
    {
        Thread.Sleep(TimeSpan.FromSeconds(2.2));
        ScanAsync(new ProcessRunner()).GetAwaiter().GetResult();
    }

    /// <summary>
    /// The options every scan of this tree uses: the CLI's defaults on Linux (FreeBSD 14.2 amd64, bmake), but evaluated
    /// on the host rather than in the target's view, so the recorded make calls can be replayed alone (a view's namespace
    /// ends with its scan). A warm scan that runs no make never sets a view up either way.
    /// </summary>
    public PkgOptions Options() => new()
    {
        UseTargetView = false,
        PortsDirectory = PortsDirectory,
        MakeProgram = "bmake",
        Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
        ScanParallelism = System.Environment.ProcessorCount,
        WorkDirectory = WorkDirectory,
        CacheDirectory = CacheDirectory,
    };

    public Task<PortScanResult> ScanAsync(IProcessRunner runner) =>
        new PortScanner(Options(), runner).ScanToListAsync(ScanRequest.Everything);

    /// <summary>
    /// <paramref name="count"/> ports spread over the tree (never the pkg port, whose change would re-query everything as
    /// a framework change does).
    /// </summary>
    public IReadOnlyList<string> Spread(int count)
    {
        var origins = PortsTree.EnumerateOrigins(PortsDirectory).Where(o => o != PortScanner.PkgOrigin).ToList();
        return [.. Enumerable.Range(0, count).Select(i => origins[(int)((long)i * origins.Count / count)])];
    }

    /// <summary>Changes the Makefile of each port (a new comment line), as a <c>git pull</c> that touched them would.</summary>
    public static void Touch(string portsDirectory, IEnumerable<string> origins, int round)
    {
        foreach (var origin in origins)
        {
            File.AppendAllText(Path.Combine(portsDirectory, origin, "Makefile"), "# touched " + round.ToString(CultureInfo.InvariantCulture) + "\n");
        }
    }

    /// <summary>A pkg-plist for two ports in three and zero to five patches, deterministic.</summary>
    private static void AddFiles(string portsDirectory)
    {
        var random = new Random(14);
        foreach (var origin in PortsTree.EnumerateOrigins(portsDirectory))
        {
            var port = Path.Combine(portsDirectory, origin);
            if (random.Next(3) > 0)
            {
                File.WriteAllText(Path.Combine(port, "pkg-plist"), Text(random, random.Next(100, 4_000)));
            }

            var patches = random.Next(0, 6);
            if (patches > 0)
            {
                Directory.CreateDirectory(Path.Combine(port, "files"));
            }

            for (var p = 0; p < patches; p++)
            {
                File.WriteAllText(Path.Combine(port, "files", "patch-src_file" + p.ToString(CultureInfo.InvariantCulture) + ".c"), Text(random, random.Next(300, 6_000)));
            }
        }
    }

    private static string Text(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = i % 64 == 63 ? '\n' : (char)('a' + random.Next(26));
        }

        return new string(chars);
    }
}
