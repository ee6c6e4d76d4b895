using Microsoft.Data.Sqlite;

namespace GoSynth.Cli.Hosting;

/// <summary>
/// The packages installed on this host, from pkg(8)'s database (<c>/var/db/pkg/local.sqlite</c>), opened read-only:
/// what dsynth's <c>status</c>, <c>upgrade-system</c> and <c>prepare-system</c> work on when no port is named. Each is
/// returned as <c>origin</c> or <c>origin@flavor</c> (the flavor is the package's <c>flavor</c> annotation).
/// </summary>
internal static class InstalledPackages
{
    /// <summary>Where pkg keeps its database.</summary>
    public const string DefaultDatabase = "/var/db/pkg/local.sqlite";

    /// <summary>The installed origins, sorted, each once.</summary>
    /// <exception cref="CliException">There is no pkg database on this host, or it lists no package (exit 2), or it cannot be read (exit 1).</exception>
    public static IReadOnlyList<string> Read(string database, string directive)
    {
        if (!File.Exists(database))
        {
            throw CliException.Usage(
                $"this host has no pkg database ({database}), so there is no installed set to {(directive == "status" ? "check" : "rebuild")}; name the ports, or use 'gosynth {(directive == "status" ? "status-everything" : "build everything")}'");
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT p.origin,
                       (SELECT v.annotation FROM pkg_annotation pa
                          JOIN annotation t ON t.annotation_id = pa.tag_id
                          JOIN annotation v ON v.annotation_id = pa.value_id
                         WHERE pa.package_id = p.id AND t.annotation = 'flavor')
                  FROM packages p
                """;
            var origins = new SortedSet<string>(StringComparer.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var origin = reader.GetString(0);
                var flavor = reader.IsDBNull(1) ? null : reader.GetString(1);
                origins.Add(string.IsNullOrEmpty(flavor) ? origin : origin + "@" + flavor);
            }

            if (origins.Count == 0)
            {
                // An empty list would mean "everything" to the builder; nothing installed means nothing to check or rebuild.
                throw CliException.Usage(
                    $"the pkg database {database} lists no installed package, so there is nothing to {(directive == "status" ? "check" : "rebuild")}; name the ports, or use 'gosynth {(directive == "status" ? "status-everything" : "build everything")}'");
            }

            return [.. origins];
        }
        catch (SqliteException e)
        {
            throw new CliException(ExitCodes.Failure, $"cannot read the pkg database {database}: {e.Message}");
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            // The SQLite bundle ships no native library for some hosts (FreeBSD, DragonFly).
            throw new CliException(ExitCodes.Failure, $"cannot read the pkg database {database}: SQLite cannot be loaded on this host ({e.GetBaseException().Message}); name the ports instead");
        }
    }
}
