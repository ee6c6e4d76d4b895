using System.Text.Encodings.Web;
using System.Text.Json;

namespace GoSynth.Cli.Json;

/// <summary>The serializer context every <c>--json</c> output uses: <see cref="CliJsonContext"/> with text left readable (no <c>\u002B</c> for <c>+</c>).</summary>
internal static class CliJson
{
    public static CliJsonContext Context { get; } = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
