using System.Globalization;

namespace GoSynth.Environment.Internal.Slots;

/// <summary>dsynth's slot names: SL01 … SL99, then SL100 ….</summary>
internal static class SlotNaming
{
    public static string Name(int number) => "SL" + number.ToString("00", CultureInfo.InvariantCulture);

    public static bool IsSlotName(string name) =>
        name.Length >= 4 && name.StartsWith("SL", StringComparison.Ordinal) && name[2..].All(char.IsAsciiDigit);
}
