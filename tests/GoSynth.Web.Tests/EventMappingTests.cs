using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using GoSynth.Builder.Events;
using GoSynth.Testing;
using GoSynth.Web.Api;
using GoSynth.Web.Events;

namespace GoSynth.Web.Tests;

/// <summary>
/// Every event the Builder can publish reaches the stream under a name of its own with its fields. The event types are
/// found by reflection over the Builder assembly here, in the test, so a new event type fails this test until the
/// web mapping (and the API document) know it.
/// </summary>
public sealed class EventMappingTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Properties whose JSON name is not their camelCase name (a TimeSpan <c>X</c> is <c>xSeconds</c>).</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal) { ["LogFile"] = "log" };

    public static TheoryData<string> EventTypes() => [.. BuildEventTypes().Select(t => t.Name)];

    [Fact]
    public void TheBuilder_PublishesEventTypes_ThisTestFinds()
    {
        var names = BuildEventTypes().Select(t => t.Name).ToList();

        Assert.Contains(nameof(RunStartedEvent), names);
        Assert.Contains(nameof(RepositoryRebuiltEvent), names);
        Assert.Contains(nameof(ObsoletePackagesEvent), names);
        Assert.True(names.Count >= 11, "found only " + string.Join(", ", names));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void EveryBuildEvent_HasANamedSseEvent_CarryingEachOfItsFields(string typeName)
    {
        var type = BuildEventTypes().Single(t => t.Name == typeName);
        var buildEvent = (BuildEvent)Sample(type);

        var web = WebEventMapper.Map(41, 7, buildEvent);
        var json = JsonSerializer.SerializeToElement(web, WebJsonContext.Default.WebEvent);

        Assert.True(web.Type != "other", $"{typeName} has no SSE event of its own: add it to WebEventMapper and docs/api.md");
        Assert.Equal(41, json.GetProperty("id").GetInt64());
        Assert.Equal(At, json.GetProperty("time").GetDateTimeOffset());
        var missing = ExpectedFields(type).Where(f => !json.TryGetProperty(f, out var v) || v.ValueKind == JsonValueKind.Null).ToList();
        Assert.True(missing.Count == 0, $"{typeName} → {web.Type} leaves out {string.Join(", ", missing)}: {json}");
    }

    [Fact]
    public void EveryBuildEvent_HasADifferentSseEventName()
    {
        var names = BuildEventTypes().Select(t => (t.Name, Event: WebEventMapper.Map(1, 1, (BuildEvent)Sample(t)).Type)).ToList();

        var shared = names.GroupBy(n => n.Event).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(n => n.Name))}").ToList();
        Assert.True(shared.Count == 0, "event names shared: " + string.Join("; ", shared));
    }

    [Fact]
    public void EveryBuildEvent_IsDocumented_InTheApiDocument()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "api.md"));

        foreach (var type in BuildEventTypes())
        {
            var name = WebEventMapper.Map(1, 1, (BuildEvent)Sample(type)).Type;
            Assert.True(document.Contains($"`{name}`", StringComparison.Ordinal), $"docs/api.md does not name the event `{name}` ({type.Name})");
        }
    }

    [Fact]
    public void RepositoryRebuilt_CarriesTheCatalogCounts()
    {
        var web = WebEventMapper.Map(9, 3, new RepositoryRebuiltEvent(At, "/var/packages", 12, 2, true));
        var json = JsonSerializer.SerializeToElement(web, WebJsonContext.Default.WebEvent);

        Assert.Equal("repositoryRebuilt", web.Type);
        Assert.Equal(3, json.GetProperty("runId").GetInt64());
        Assert.Equal("/var/packages", json.GetProperty("directory").GetString());
        Assert.Equal(12, json.GetProperty("packages").GetInt32());
        Assert.Equal(2, json.GetProperty("leftOut").GetInt32());
        Assert.True(json.GetProperty("catalogWritten").GetBoolean());
        Assert.False(json.TryGetProperty("port", out _));
    }

    [Fact]
    public void ObsoletePackages_CarriesTheFileNames_AndAnEmptyListWhenNoneAre()
    {
        var some = JsonSerializer.SerializeToElement(
            WebEventMapper.Map(1, 1, new ObsoletePackagesEvent(At, "/var/packages/All", ["old-1.0.pkg", "gone-2.pkg"])), WebJsonContext.Default.WebEvent);
        var none = JsonSerializer.SerializeToElement(
            WebEventMapper.Map(2, 1, new ObsoletePackagesEvent(At, "/var/packages/All", default)), WebJsonContext.Default.WebEvent);

        Assert.Equal("obsoletePackages", some.GetProperty("type").GetString());
        Assert.Equal(["old-1.0.pkg", "gone-2.pkg"], some.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(0, none.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public void AnEventTypeAddedLater_GoesOutAsOther_WithItsTypeName()
    {
        var web = WebEventMapper.Map(5, 2, new LaterEvent(At));

        Assert.Equal("other", web.Type);
        Assert.Equal(nameof(LaterEvent), web.Message);
    }

    /// <summary>The concrete BuildEvent types of the Builder assembly.</summary>
    private static List<Type> BuildEventTypes() =>
        [.. typeof(BuildEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(BuildEvent)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>The JSON names the event's fields must appear under; a record of the Builder's (a port's outcome) counts by its own fields.</summary>
    private static IEnumerable<string> ExpectedFields(Type type)
    {
        foreach (var property in Fields(type))
        {
            if (property.Name == nameof(BuildEvent.Time))
            {
                continue;
            }

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsClass && propertyType != typeof(string) && propertyType.Assembly == typeof(BuildEvent).Assembly)
            {
                foreach (var inner in ExpectedFields(propertyType))
                {
                    yield return inner;
                }

                continue;
            }

            yield return Renamed.TryGetValue(property.Name, out var renamed) ? renamed
                : JsonNamingPolicy.CamelCase.ConvertName(property.Name) + (propertyType == typeof(TimeSpan) ? "Seconds" : "");
        }
    }

    private static IEnumerable<PropertyInfo> Fields(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);

    /// <summary>
    /// An instance with every constructor parameter and settable property given a value that is not its default (a
    /// failed outcome, so the failed phase is sent too), so a field the mapping drops is seen missing.
    /// </summary>
    private static object Sample(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var parameters = constructor.GetParameters();
        var instance = constructor.Invoke([.. parameters.Select(p => Value(p.ParameterType, p.Name!))]);
        var named = parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var property in Fields(type).Where(p => p.CanWrite && !named.Contains(p.Name)))
        {
            property.SetValue(instance, Value(property.PropertyType, property.Name));
        }

        return instance;
    }

    private static object? Value(Type type, string name)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(DateTimeOffset) => At,
            _ when type == typeof(string) => "sample-" + name,
            _ when type == typeof(int) => 3,
            _ when type == typeof(long) => 5L,
            _ when type == typeof(double) => 1.5,
            _ when type == typeof(bool) => false,
            _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(2.5),
            _ when type.IsEnum => Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) => Array(type, name),
            _ when type.IsClass => Sample(type),
            _ => throw new InvalidOperationException($"no sample value for {type} ({name}): teach this test the type"),
        };
    }

    private static object Array(Type immutableArray, string name)
    {
        var element = immutableArray.GetGenericArguments()[0];
        var items = System.Array.CreateInstance(element, 2);
        items.SetValue(Value(element, name + "0"), 0);
        items.SetValue(Value(element, name + "1"), 1);
        var create = typeof(ImmutableArray).GetMethods()
            .Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
            .MakeGenericMethod(element);
        return create.Invoke(null, [items])!;
    }

    private sealed record LaterEvent(DateTimeOffset Time) : BuildEvent(Time);
}
