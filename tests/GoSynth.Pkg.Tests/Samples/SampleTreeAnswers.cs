namespace GoSynth.Pkg.Tests.Samples;

/// <summary>
/// The answers samples/ports/README.md documents for every port and flavor of the sample tree
/// (environment of <see cref="PortsTreeQuery"/>, <c>_SMP_CPUS=2</c>), as the FreeBSD target answers them; see
/// <see cref="OnHost"/> for what a Linux host answers without GoSynth's target view. Each entry lists the non-empty
/// variables as <c>VARIABLE=value</c>; every other variable must be empty. <c>&lt;tree&gt;</c> stands for
/// the tree's absolute path and <c>&lt;LOCALBASE&gt;</c> for the empty LOCALBASE directory. A flavored
/// port appears without a flavor (its default) and once per flavor.
/// </summary>
internal static class SampleTreeAnswers
{
    public static readonly IReadOnlyDictionary<string, string[]> Expected = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["archivers/unpackx"] =
        [
            "PKGVERSION=0.4",
            "PKGFILE:T=unpackx-0.4.pkg",
            "ALLFILES=unpackx-0.4.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "BUILD_DEPENDS=pkgconf:<tree>/devel/pkgconf",
        ],
        ["broken/badcode"] =
        [
            "PKGVERSION=1.0",
            "PKGFILE:T=badcode-1.0.pkg",
            "ALLFILES=badcode-1.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
        ],
        ["devel/kvmstub"] =
        [
            "PKGVERSION=0.2",
            "PKGFILE:T=kvmstub-0.2.pkg",
            "ALLFILES=kvmstub-0.2.tar.gz",
            "MAKE_JOBS_NUMBER=2",
        ],
        ["devel/libgreet"] =
        [
            "PKGVERSION=1.4.2_1",
            "PKGFILE:T=libgreet-1.4.2_1.pkg",
            "ALLFILES=libgreet-1.4.2.tar.gz",
            "DIST_SUBDIR=greet",
            "MAKE_JOBS_NUMBER=2",
        ],
        ["devel/ncurses"] =
        [
            "PKGVERSION=6.5",
            "PKGFILE:T=ncurses-6.5.pkg",
            "ALLFILES=ncurses-6.5.tar.gz",
            "MAKE_JOBS_NUMBER=2",
        ],
        ["devel/patchkit"] =
        [
            "PKGVERSION=3.1",
            "PKGFILE:T=patchkit-3.1.pkg",
            "ALLFILES=patchkit-3.1.tar.gz",
            "MAKE_JOBS_NUMBER=2",
        ],
        ["devel/pkgconf"] =
        [
            "PKGVERSION=2.3.0",
            "PKGFILE:T=pkgconf-2.3.0.pkg",
            "ALLFILES=pkgconf-2.3.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
        ],
        ["editors/tedit"] =
        [
            "PKGVERSION=1.0_2,1",
            "PKGFILE:T=tedit-1.0_2,1.pkg",
            "ALLFILES=tedit-1.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "PATCH_DEPENDS=patchkit>=3.0:devel/patchkit",
            "FLAVORS=tty gui",
        ],
        ["editors/tedit@tty"] =
        [
            "PKGVERSION=1.0_2,1",
            "PKGFILE:T=tedit-1.0_2,1.pkg",
            "ALLFILES=tedit-1.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "PATCH_DEPENDS=patchkit>=3.0:devel/patchkit",
            "FLAVORS=tty gui",
        ],
        ["editors/tedit@gui"] =
        [
            "PKGVERSION=1.0_2,1",
            "PKGFILE:T=tedit-gui-1.0_2,1.pkg",
            "ALLFILES=tedit-1.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "PATCH_DEPENDS=patchkit>=3.0:devel/patchkit",
            "LIB_DEPENDS=libgreet.so.1:devel/libgreet",
            "FLAVORS=tty gui",
            "USES=localbase",
        ],
        ["misc/askname"] =
        [
            "PKGVERSION=1.0",
            "PKGFILE:T=askname-1.0.pkg",
            "ALLFILES=askname-1.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "IGNORE=asks questions while it builds (IS_INTERACTIVE), which a batch build cannot answer",
        ],
        ["misc/badclient"] =
        [
            "PKGVERSION=1.0",
            "PKGFILE:T=badclient-1.0.pkg",
            "ALLFILES=badclient-1.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "LIB_DEPENDS=libbad.so:broken/badcode",
            "USES=localbase",
        ],
        ["misc/hello"] =
        [
            "PKGVERSION=2.12",
            "PKGFILE:T=hello-2.12.pkg",
            "ALLFILES=hello-2.12.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "BUILD_DEPENDS=pkgconf>=2.0:devel/pkgconf",
            "LIB_DEPENDS=libgreet.so:devel/libgreet",
            "SELECTED_OPTIONS=COLOR DOCS",
            "DESELECTED_OPTIONS=WORDS",
            "USES=localbase pkgconfig",
        ],
        ["misc/keyvault"] =
        [
            "PKGVERSION=2.0",
            "PKGFILE:T=keyvault-2.0.pkg",
            "ALLFILES=keyvault-2.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "IGNORE=must not be made into a package: the licence forbids redistributing binaries",
        ],
        ["misc/meta-samples"] =
        [
            "PKGVERSION=1.0",
            "PKGFILE:T=meta-samples-1.0.pkg",
            "MAKE_JOBS_NUMBER=2",
            "RUN_DEPENDS=hello>=2.12:misc/hello tedit-gui>=1.0:editors/tedit@gui wordcount:textproc/wordcount greet-doc>0:textproc/greet-doc",
            "USES=metaport",
        ],
        ["misc/termclock"] =
        [
            "PKGVERSION=0.2",
            "PKGFILE:T=termclock-0.2.pkg",
            "ALLFILES=termclock-0.2.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "USES=ncurses",
        ],
        ["net/fetchit"] =
        [
            "PKGVERSION=1.2.3",
            "PKGFILE:T=fetchit-1.2.3.pkg",
            "ALLFILES=fetchit-1.2-3.tar.gz",
            "MAKE_JOBS_NUMBER=2",
        ],
        ["ports-mgmt/pkg"] =
        [
            "PKGVERSION=2.1.0",
            "PKGFILE:T=pkg-2.1.0.pkg",
            "ALLFILES=pkg-2.1.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
        ],
        ["sysutils/legacyd"] =
        [
            "PKGVERSION=0.3",
            "PKGFILE:T=legacyd-0.3.pkg",
            "ALLFILES=legacyd-0.3.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "IGNORE=needs the kvm swap interface removed from the kernel; use sysutils/svcmon",
            "BUILD_DEPENDS=kvmstub:devel/kvmstub",
        ],
        ["sysutils/svcmon"] =
        [
            "PKGVERSION=1.1",
            "PKGFILE:T=svcmon-1.1.pkg",
            "ALLFILES=svcmon-1.1.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "BUILD_DEPENDS=pkg>=2.0:ports-mgmt/pkg",
            "RUN_DEPENDS=legacyd:sysutils/legacyd",
        ],
        ["textproc/greet-doc"] =
        [
            "PKGVERSION=1.4.2",
            "PKGFILE:T=greet-doc-1.4.2.pkg",
            "ALLFILES=greet-doc-1.4.2.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "EXTRACT_DEPENDS=/nonexistent:devel/libgreet:extract",
            "BUILD_DEPENDS=patchkit:devel/patchkit:build",
            "RUN_DEPENDS=libgreet>=1.4:devel/libgreet tedit:editors/tedit@tty",
        ],
        ["textproc/spell"] =
        [
            "PKGVERSION=1.0",
            "PKGFILE:T=spell-1.0.pkg",
            "ALLFILES=spell-1.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "FLAVORS=de en",
        ],
        ["textproc/spell@de"] =
        [
            "PKGVERSION=1.0",
            "PKGFILE:T=spell-1.0.pkg",
            "ALLFILES=spell-1.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "FLAVORS=de en",
        ],
        ["textproc/spell@en"] =
        [
            "PKGVERSION=1.0",
            "PKGFILE:T=spell-en-1.0.pkg",
            "ALLFILES=spell-1.0.tar.gz",
            "MAKE_JOBS_NUMBER=2",
            "FLAVORS=en de",
        ],
        ["textproc/wordcount"] =
        [
            "PKGVERSION=0.9",
            "PKGFILE:T=wordcount-0.9.pkg",
            "ALLFILES=wordcount-0.9.tar.gz wordcount-data-0.9.tar.gz",
            "MAKE_JOBS_NUMBER=1",
            "FETCH_DEPENDS=fetchit:net/fetchit",
            "EXTRACT_DEPENDS=<LOCALBASE>/bin/unpackx:archivers/unpackx",
        ],
    };

    /// <summary>
    /// What bmake answers differently when it runs on a host whose files differ from FreeBSD's base system (no target
    /// view): misc/termclock's USES=ncurses finds no /usr/lib/libncursesw.so and depends on devel/ncurses.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> OnHost()
    {
        var host = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!File.Exists("/usr/lib/libncursesw.so"))
        {
            host["misc/termclock"] = [.. Expected["misc/termclock"].Where(l => !l.StartsWith("USES=", StringComparison.Ordinal)), "LIB_DEPENDS=libncursesw.so:devel/ncurses", "USES=ncurses"];
        }

        return host;
    }

    /// <summary>The 17 expected lines for a node, placeholders replaced; <paramref name="onHost"/> for bmake run directly on this host.</summary>
    public static string[] Lines(string node, string tree, string localBase, bool onHost = false)
    {
        var answer = onHost && OnHost().TryGetValue(node, out var host) ? host : Expected[node];
        var values = answer.ToDictionary(e => e[..e.IndexOf('=', StringComparison.Ordinal)], e => e[(e.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);
        return [.. PortsTreeQuery.Variables.Select(v => values.TryGetValue(v, out var value)
            ? value.Replace("<tree>", tree, StringComparison.Ordinal).Replace("<LOCALBASE>", localBase, StringComparison.Ordinal)
            : string.Empty)];
    }
}
