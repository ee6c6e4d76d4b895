using System.Text.Json;
using GoSynth.Pkg.Packages;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>The install record's JSON (source-generated): its shape, a round trip, and what is not a record.</summary>
public sealed class InstallRecordTests
{
    private static readonly InstallRecord s_record = new()
    {
        Name = "hello",
        Version = "2.12",
        Root = "/build/slot1",
        Files = ["/usr/local/bin/hello", "/usr/local/share/doc/hello/README"],
        Directories = ["/usr/local/share/doc/hello"],
        Replaced = [],
    };

    [Fact]
    public void ToJson_IndentedCamelCase_EveryPropertyWritten()
    {
        var json = s_record.ToJson();

        using var document = JsonDocument.Parse(json);
        Assert.Equal(["name", "version", "root", "files", "directories", "replaced"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("/usr/local/bin/hello", document.RootElement.GetProperty("files")[0].GetString());
        Assert.Equal(0, document.RootElement.GetProperty("replaced").GetArrayLength());
        Assert.Contains("\n  \"name\": \"hello\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_WhatToJsonWrote_SameRecord()
    {
        var back = InstallRecord.FromJson(s_record.ToJson());

        Assert.Equal((s_record.Name, s_record.Version, s_record.Root), (back.Name, back.Version, back.Root));
        Assert.Equal(s_record.Files, back.Files);
        Assert.Equal(s_record.Directories, back.Directories);
        Assert.Empty(back.Replaced);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("""{"version": "1", "root": "/r"}""")]
    [InlineData("[1, 2]")]
    public void FromJson_NotARecord_JsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => InstallRecord.FromJson(json));
    }
}
