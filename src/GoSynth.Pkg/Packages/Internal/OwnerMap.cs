using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>The numeric owner and group to give an installed path.</summary>
internal readonly record struct Ownership(int Uid, int Gid);

/// <summary>
/// Maps a package's owner and group names to ids the way the target sees them: through the install root's own
/// <c>etc/passwd</c> and <c>etc/group</c> (a slot's, never the host's), read from the root's handle without following
/// a symlink. A name the root does not know falls back to the archive's numeric id when there is one, else to root or
/// wheel (0), with one warning per name. <c>root</c> and <c>wheel</c> are 0 when the root's files do not list them.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class OwnerMap
{
    private const long MaxDatabaseBytes = 16 << 20;
    private readonly Dictionary<string, int> _users;
    private readonly Dictionary<string, int> _groups;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly ILogger? _logger;
    private readonly string _root;
    private readonly string _packageFile;

    private OwnerMap(Dictionary<string, int> users, Dictionary<string, int> groups, ILogger? logger, string root, string packageFile)
    {
        _users = users;
        _groups = groups;
        _logger = logger;
        _root = root;
        _packageFile = packageFile;
    }

    /// <summary>The map for an install into <paramref name="root"/>, or null when this process may not change owners
    /// (not root): then installed files belong to the installing user, as before.</summary>
    public static OwnerMap? ForInstall(RootDirectory root, string packageFile, ILogger? logger) =>
        System.Environment.IsPrivilegedProcess
            ? new OwnerMap(Read(root, "passwd"), Read(root, "group"), logger, root.RealRoot, packageFile)
            : null;

    /// <summary>Builds a map from database text (tests).</summary>
    internal static OwnerMap FromText(string passwd, string group, ILogger? logger) =>
        new(Parse(passwd.Split('\n')), Parse(group.Split('\n')), logger, "/", "(test)");

    /// <summary>The ids for a path: names first (manifest, else archive), then the archive's numeric ids.</summary>
    public Ownership Resolve(string path, string? userName, string? groupName, int? archiveUid, int? archiveGid) => new(
        Id(_users, "user", "etc/passwd", "root", path, userName, archiveUid),
        Id(_groups, "group", "etc/group", "wheel", path, groupName, archiveGid));

    private int Id(Dictionary<string, int> table, string what, string file, string superName, string path, string? name, int? archiveId)
    {
        if (string.IsNullOrEmpty(name))
        {
            return archiveId ?? 0;
        }

        if (table.TryGetValue(name, out var id))
        {
            return id;
        }

        if (name == superName)
        {
            return 0;
        }

        var fallback = archiveId ?? 0;
        if (_logger is not null && _warned.Add(what + ":" + name))
        {
            InstallLog.OwnerUnknown(_logger, _packageFile, what, name, path, Path.Combine(_root, file),
                archiveId is { } n ? "the archive's id " + n.ToString(CultureInfo.InvariantCulture) : "0 (" + superName + ")");
        }

        return fallback;
    }

    /// <summary>Reads <c>etc/&lt;name&gt;</c> below the root; a missing, unreadable or symlinked file is an empty table.</summary>
    private static Dictionary<string, int> Read(RootDirectory root, string name)
    {
        using var etc = root.Walk(["etc"], 1);
        if (etc.Status != WalkStatus.Found)
        {
            return new Dictionary<string, int>(StringComparer.Ordinal);
        }

        var fd = LinuxFs.OpenAt(etc.Fd, name, LinuxFs.ONoFollow | LinuxFs.OCloExec);
        if (fd < 0)
        {
            return new Dictionary<string, int>(StringComparer.Ordinal);
        }

        using var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, 1 << 16);
        try
        {
            using var reader = new StreamReader(new BoundedReadStream(stream, MaxDatabaseBytes));
            var lines = new List<string>();
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }

            return Parse(lines);
        }
        catch (IOException)
        {
            return new Dictionary<string, int>(StringComparer.Ordinal);
        }
    }

    /// <summary><c>name:password:id:…</c> lines (passwd and group share the first three fields); the first line of a name wins, as getpwnam does.</summary>
    private static Dictionary<string, int> Parse(IEnumerable<string> lines)
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.Length == 0 || line[0] is '#' or '+' or '-')
            {
                continue;
            }

            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0].Length > 0
                && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                table.TryAdd(fields[0], id);
            }
        }

        return table;
    }

    /// <summary>Stops reading after <paramref name="limit"/> bytes, so a huge file in the root cannot exhaust memory.</summary>
    private sealed class BoundedReadStream(Stream inner, long limit) : Stream
    {
        private long _left = limit;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
