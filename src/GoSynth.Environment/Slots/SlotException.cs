namespace GoSynth.Environment.Slots;

/// <summary>A slot could not be set up, reset or used (a mount failed, a directory is missing, root is required).</summary>
public sealed class SlotException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SlotException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
