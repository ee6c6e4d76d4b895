using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>The closure rules: flavors, dependencies, and when a node is complete.</summary>
internal sealed partial class ScanCoordinator
{
    /// <summary>Asks for a node: <paramref name="flavor"/> is null for the default flavor, a flavor, or <c>all</c>.</summary>
    private void Request(string origin, string? flavor, bool root)
    {
        var state = Origin(origin);
        if (!state.BaseDone)
        {
            state.WaitingRequests.Add((flavor, root));
            return;
        }

        Resolve(state, flavor, root);
    }

    private OriginState Origin(string origin)
    {
        if (!_origins.TryGetValue(origin, out var state))
        {
            state = new OriginState(origin);
            _origins.Add(origin, state);
            _pendingJobs.Enqueue(new QueryKey(origin, null));
        }

        return state;
    }

    private void Resolve(OriginState state, string? flavor, bool root)
    {
        var baseResult = state.Base!;
        var all = flavor == PortSpec.AllFlavors;
        if (baseResult.Status != PortQueryStatus.Found)
        {
            var id = new PortId(state.Origin, all ? null : flavor);
            Ensure(id, root, baseResult with { Id = id });
            return;
        }

        if (state.Flavors.IsEmpty)
        {
            if (flavor is null || all)
            {
                Ensure(new PortId(state.Origin), root, baseResult);
            }
            else
            {
                var id = new PortId(state.Origin, flavor);
                Ensure(id, root, PortQueryResult.Corrupt(id, $"{id}: the port has no FLAVORS, so it has no flavor '{flavor}'."));
            }

            return;
        }

        IEnumerable<string> wanted = flavor is null ? [state.DefaultFlavor!] : all ? state.Flavors : [flavor];
        foreach (var f in wanted)
        {
            var id = new PortId(state.Origin, f);
            if (!state.Flavors.Contains(f))
            {
                Ensure(id, root, PortQueryResult.Corrupt(id, $"{id}: unknown flavor '{f}'; the port's FLAVORS are {string.Join(' ', state.Flavors)}."));
            }
            else if (f == state.DefaultFlavor)
            {
                // The port without FLAVOR is its default flavor: the unflavored answer is this node's.
                Ensure(id, root, PortQueryResult.Found(baseResult.Metadata! with { Id = id }));
            }
            else
            {
                Ensure(id, root, null);
            }
        }
    }

    /// <summary>Creates the node once; with a result it is processed now, without one its flavored query is queued.</summary>
    private void Ensure(PortId id, bool root, PortQueryResult? result)
    {
        if (root)
        {
            _roots.Add(id);
        }

        if (_nodes.ContainsKey(id))
        {
            return;
        }

        var node = new NodeState(id);
        _nodes.Add(id, node);
        if (result is null)
        {
            _pendingJobs.Enqueue(new QueryKey(id.Origin, id.Flavor));
        }
        else
        {
            Accept(node, result);
        }
    }

    private void Complete(QueryCompletion completion)
    {
        if (completion.FromCache)
        {
            _cached++;
        }
        else if (!completion.DirectoryMissing)
        {
            _queried++;
        }

        var key = completion.Key;
        var queried = new PortId(key.Origin, key.Flavor);
        var answer = completion.DirectoryMissing
            ? new ParsedAnswer(PortQueryResult.NotFound(queried, $"{queried}: no port at {_portsDirectory}/{key.Origin} (no such directory, or no Makefile in it)."))
            : MetadataParser.Parse(queried, completion.Output!, _portsDirectory);

        var state = _origins[key.Origin];
        if (key.Flavor is not null)
        {
            Accept(_nodes[queried], state.Normalize(answer.Result));
            return;
        }

        state.SetBase(answer.Result, answer.Flavor);
        if (!_bootstrapDecided && answer.PkgOrigin is not null && state.Base!.Metadata is not null)
        {
            LearnBootstrap(answer.PkgOrigin, key.Origin);
        }

        foreach (var (flavor, root) in state.WaitingRequests)
        {
            Resolve(state, flavor, root);
        }

        state.WaitingRequests.Clear();
        foreach (var node in state.WaitingNodes)
        {
            if (--node.UnresolvedOrigins == 0)
            {
                Emit(node);
            }
        }

        state.WaitingNodes.Clear();
    }

    /// <summary>A node's own answer is in: ask for its dependencies, and emit it once their origins' flavors are known.</summary>
    private void Accept(NodeState node, PortQueryResult result)
    {
        if (result.Status == PortQueryStatus.Found && result.Metadata is { Dependencies.IsEmpty: false } && _moved.Count > 0)
        {
            result = FollowMovedDependencies(node.Id, result);
        }

        node.Result = result;
        if (result.Status != PortQueryStatus.Found || result.Metadata is null)
        {
            Emit(node);
            return;
        }

        foreach (var dependency in result.Metadata.Dependencies)
        {
            if (!_goneDependencies.Contains(dependency.Port))
            {
                Request(dependency.Port.Origin, dependency.Port.Flavor, root: false);
            }
        }

        var waiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dependency in result.Metadata.Dependencies)
        {
            if (_goneDependencies.Contains(dependency.Port))
            {
                continue;
            }

            var state = _origins[dependency.Port.Origin];
            if (!state.BaseDone && waiting.Add(state.Origin))
            {
                state.WaitingNodes.Add(node);
            }
        }

        node.UnresolvedOrigins = waiting.Count;
        if (waiting.Count == 0)
        {
            Emit(node);
        }
    }

    /// <summary>Names each dependency by its node (a flavored port without a flavor means its default) and hands the result out.</summary>
    private void Emit(NodeState node)
    {
        var result = node.Result!;
        if (result.Status == PortQueryStatus.Found && result.Metadata is { } metadata && !metadata.Dependencies.IsEmpty)
        {
            var canonical = metadata.Dependencies.Select(d =>
            {
                if (d.Port.Flavor is not null)
                {
                    return d;
                }

                var flavor = _origins.TryGetValue(d.Port.Origin, out var origin) ? origin.DefaultFlavor : null;
                return flavor is null ? d : d with { Port = d.Port.WithFlavor(flavor) };
            });
            result = PortQueryResult.Found(metadata with { Dependencies = MetadataParser.Deduplicate(canonical) });
        }

        node.Emitted = true;
        if (result.Status == PortQueryStatus.Found)
        {
            _found++;
        }
        else
        {
            _failed++;
        }

        _output.Enqueue(result);
    }

    /// <summary>
    /// Replaces each dependency whose origin is gone from the tree and named in MOVED by where it went (through chains),
    /// and turns one on a removed origin (or a MOVED loop) into a final node of its own, so that the dependent is
    /// unbuildable with MOVED's date and reason rather than "not found". Each move is noted once with who needs it.
    /// </summary>
    private PortQueryResult FollowMovedDependencies(PortId dependent, PortQueryResult result)
    {
        var metadata = result.Metadata!;
        var changed = false;
        var dependencies = new List<PortDependency>(metadata.Dependencies.Length);
        foreach (var dependency in metadata.Dependencies)
        {
            var id = dependency.Port;
            if (!_moved.Names(id.Origin, id.Flavor))
            {
                dependencies.Add(dependency);
                continue;
            }

            if (!_movedDependencies.TryGetValue(id, out var resolution))
            {
                resolution = File.Exists(Path.Combine(_portsDirectory, id.Origin, "Makefile"))
                    ? null
                    : _moved.Resolve(id.Origin, id.Flavor, o => File.Exists(Path.Combine(_portsDirectory, o, "Makefile")));
                _movedDependencies.Add(id, resolution);
                if (resolution?.Final is { } final)
                {
                    _goneDependencies.Add(id);
                    AddFinal(final with { Id = id }, root: false);
                }
            }

            if (resolution is null)
            {
                dependencies.Add(dependency);
                continue;
            }

            NoteMovedDependency(id, resolution, dependent);
            if (resolution.Final is null)
            {
                dependencies.Add(dependency with { Port = new PortId(resolution.Origin, resolution.Flavor) });
                changed = true;
            }
            else
            {
                dependencies.Add(dependency);
            }
        }

        return changed ? PortQueryResult.Found(metadata with { Dependencies = [.. dependencies] }) : result;
    }

    private void NoteMovedDependency(PortId id, MovedPorts.Resolution resolution, PortId dependent)
    {
        if (!_movedNotes.TryGetValue(id, out var note))
        {
            var what = resolution.Final is { } final
                ? (resolution.Notes.IsEmpty ? "" : string.Join("; ", resolution.Notes) + "; ") + FinalText(id, final)
                : string.Join("; ", resolution.Notes);
            note = (what, []);
            _movedNotes.Add(id, note);
            _movedNoteOrder.Add(id);
        }

        if (!note.Dependents.Contains(dependent))
        {
            note.Dependents.Add(dependent);
        }
    }

    /// <summary>What MOVED says of a final dependency, without the id prefix and "(MOVED)." suffix of its error.</summary>
    private static string FinalText(PortId id, PortQueryResult final)
    {
        var text = final.Error ?? $"{id} was removed from the ports tree";
        var prefix = id + ": ";
        text = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
        return text.EndsWith(" (MOVED).", StringComparison.Ordinal) ? text[..^" (MOVED).".Length] : text;
    }

    /// <summary>Adds one note per moved or removed dependency, naming the ports that need it.</summary>
    private void FlushMovedNotes()
    {
        foreach (var id in _movedNoteOrder)
        {
            var (what, dependents) = _movedNotes[id];
            var names = dependents.Order().Take(3).Select(d => d.ToString()).ToList();
            var needed = string.Join(", ", names) + (dependents.Count > 3 ? $" and {dependents.Count - 3} more" : "");
            _notes.Add($"{what}, needed by {needed}");
        }

        _movedNoteOrder.Clear();
    }

    /// <summary>The tree's framework named its pkg port (<c>PKG_ORIGIN</c>, the same in every port): scan it.</summary>
    private void LearnBootstrap(string pkgOrigin, string answeredBy)
    {
        _bootstrapDecided = true;
        var origin = pkgOrigin.TrimEnd('/');
        if (!PortId.TryParse(origin, out var id) || id.Value.Flavor is not null)
        {
            _notes.Add($"The ports tree's PKG_ORIGIN is '{pkgOrigin}' (as {answeredBy} reads it), which is not an origin 'category/port': no pkg port is built first; name one in PkgOptions.BootstrapOrigin.");
            return;
        }

        _bootstrap = origin;
        Request(origin, null, root: false);
    }

    /// <summary>
    /// When every query is done and no answer named a pkg port: asks <c>ports-mgmt/pkg</c> when the tree has it (its
    /// answer may still name the tree's PKG_ORIGIN); when that did not settle it either, the tree's framework sets no
    /// PKG_ORIGIN: uses <c>ports-mgmt/pkg</c> if present, else none, and says so. False when there is nothing to run.
    /// </summary>
    private bool DecideBootstrap()
    {
        if (_bootstrapDecided)
        {
            return false;
        }

        var hasPkg = File.Exists(Path.Combine(_portsDirectory, PortScanner.PkgOrigin, "Makefile"));
        if (hasPkg && !_origins.ContainsKey(PortScanner.PkgOrigin))
        {
            Request(PortScanner.PkgOrigin, null, root: false);
            return true;
        }

        _bootstrapDecided = true;
        if (hasPkg)
        {
            _notes.Add($"The ports tree's framework sets no PKG_ORIGIN; using {PortScanner.PkgOrigin} as the pkg port.");
            _bootstrap = PortScanner.PkgOrigin;
            Request(_bootstrap, null, root: false);
            return false;
        }

        _notes.Add($"The ports tree names no pkg port: its framework sets no PKG_ORIGIN and there is no {PortScanner.PkgOrigin}; nothing is built first. Name the pkg port in PkgOptions.BootstrapOrigin if the tree has one.");
        return false;
    }
}
