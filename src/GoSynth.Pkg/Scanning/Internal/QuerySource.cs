namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>Answers one query: from the metadata cache when the port and the context are unchanged, else by running make.</summary>
internal sealed class QuerySource(ScanContext context, MakeInvoker invoker, MetadataCache? cache)
{
    public async ValueTask<QueryCompletion> QueryAsync(QueryKey key, CancellationToken cancellationToken)
    {
        var directory = context.PortDirectory(key.Origin);
        if (!File.Exists(Path.Combine(directory, "Makefile")))
        {
            return new QueryCompletion(key, null, DirectoryMissing: true, FromCache: false, null);
        }

        uint fingerprint = 0;
        if (cache is not null)
        {
            fingerprint = cache.Fingerprint(directory, cancellationToken);
            if (cache.TryGet(key, fingerprint, out var cached))
            {
                return new QueryCompletion(key, cached, DirectoryMissing: false, FromCache: true, null);
            }
        }

        var output = await invoker.QueryMetadataAsync(context, key, cancellationToken).ConfigureAwait(false);
        cache?.Put(key, fingerprint, output);
        return new QueryCompletion(key, output, DirectoryMissing: false, FromCache: false, null);
    }
}
