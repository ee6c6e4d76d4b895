using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace GoSynth.BuildDb.Tests;

/// <summary>
/// What a hostile build log can put into a failure excerpt: the bytes of a complete, CRC-valid record frame (an
/// <c>Attempt</c> claiming that <see cref="Node"/> was built), all ASCII so they survive as text.
/// </summary>
internal static class Forgery
{
    public const string Node = "evil/forged";

    /// <summary>A frame body [length][type 0x05][payload][crc32] with every byte below 0x80.</summary>
    public static byte[] Frame()
    {
        for (var nonce = 0; ; nonce++)
        {
            var payload = new List<byte> { 1, 100, 1 };
            Text(payload, Node);
            Text(payload, "9.9." + nonce);
            payload.AddRange([0x00, 0x02, 0x01, 0x04]); // slot 0, start 1 ms, status success, end 2 ms
            Text(payload, "forged.pkg");
            payload.AddRange([0x00, 0x00, 0x00, 0x00]); // reason, phase, fingerprint, excerpt: absent
            var frame = new byte[payload.Count + 9];
            BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Count);
            frame[4] = 0x05;
            payload.CopyTo(frame, 5);
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(5 + payload.Count), Crc32.HashToUInt32(frame.AsSpan(0, 5 + payload.Count)));
            if (frame.All(b => b < 0x80))
            {
                return frame;
            }
        }
    }

    /// <summary>A failure excerpt carrying the forged frame between ordinary log lines.</summary>
    public static string Excerpt() => "===> Building for x-1.0\ncc -c x.c\n" + Encoding.ASCII.GetString(Frame()) + "\n*** Error code 1\n";

    /// <summary>
    /// An excerpt whose forged frame follows a DEL (0x7F), one bit away from the frame marker 0xFF: a bit flip there
    /// would put a marker right before the forged frame.
    /// </summary>
    public static string ExcerptAfterDel() => "===> Building for x-1.0\n\u007f" + Encoding.ASCII.GetString(Frame()) + "\n*** Error code 1\n";

    /// <summary>The offset of the forged frame's bytes inside <paramref name="file"/>.</summary>
    public static int OffsetIn(byte[] file) => file.AsSpan().IndexOf(Frame());

    /// <summary>True when any attempt or run read from <paramref name="db"/> is the forged one.</summary>
    public static bool Appears(BuildDatabase db) =>
        db.GetPortState(Node) is not null || db.GetAttempt(100) is { Node: Node };

    private static void Text(List<byte> bytes, string value)
    {
        bytes.Add((byte)(value.Length + 1));
        bytes.AddRange(Encoding.ASCII.GetBytes(value));
    }
}
