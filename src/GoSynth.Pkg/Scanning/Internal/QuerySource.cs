using System.Collections.Immutable;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Answers one query: from the metadata cache when the port, the context and everything else make read for it are
/// unchanged, else by running make. With the cache on, make is also asked for <see cref="MakeInvoker.MakefilesVariable"/>
/// so that the answer can record which other port directories and files it came from.
/// </summary>
internal sealed class QuerySource(ScanContext context, MakeInvoker invoker, MetadataCache? cache)
{
    public async ValueTask<QueryCompletion> QueryAsync(QueryKey key, CancellationToken cancellationToken)
    {
        var directory = context.PortDirectory(key.Origin);
        if (!File.Exists(Path.Combine(directory, "Makefile")))
        {
            return new QueryCompletion(key, null, DirectoryMissing: true, FromCache: false, null);
        }

        if (cache is null)
        {
            var (answer, _) = await invoker.QueryMetadataAsync(context, key, withMakefiles: false, cancellationToken).ConfigureAwait(false);
            return new QueryCompletion(key, answer, DirectoryMissing: false, FromCache: false, null);
        }

        var fingerprint = cache.Fingerprint(directory, cancellationToken);
        if (cache.TryGet(key, fingerprint, cancellationToken, out var cached))
        {
            return new QueryCompletion(key, cached, DirectoryMissing: false, FromCache: true, null);
        }

        var (output, makefiles) = await invoker.QueryMetadataAsync(context, key, withMakefiles: true, cancellationToken).ConfigureAwait(false);
        var dependencies = makefiles is null
            ? ImmutableArray<MakefileDependency>.Empty
            : cache.FingerprintDependencies(MakefileDependencies.Collect(context, key.Origin, makefiles), cancellationToken);
        cache.Put(key, fingerprint, output, dependencies);
        return new QueryCompletion(key, output, DirectoryMissing: false, FromCache: false, null);
    }
}
