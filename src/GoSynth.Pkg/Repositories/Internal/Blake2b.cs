using System.Buffers.Binary;
using System.Numerics;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Unkeyed BLAKE2b with a 64-byte digest (RFC 7693), the hash pkg's ECC signers sign a catalog member's bytes with.
/// .NET has no BLAKE2; this incremental form hashes a member while it streams by.
/// </summary>
internal sealed class Blake2b
{
    public const int DigestBytes = 64;

    private const int BlockBytes = 128;

    private static readonly ulong[] s_iv =
    [
        0x6a09e667f3bcc908UL, 0xbb67ae8584caa73bUL, 0x3c6ef372fe94f82bUL, 0xa54ff53a5f1d36f1UL,
        0x510e527fade682d1UL, 0x9b05688c2b3e6c1fUL, 0x1f83d9abfb41bd6bUL, 0x5be0cd19137e2179UL,
    ];

    /// <summary>The message word order of each of the twelve rounds (rounds 10 and 11 repeat 0 and 1).</summary>
    private static readonly byte[][] s_sigma =
    [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ];

    private readonly ulong[] _h = new ulong[8];

    private readonly byte[] _block = new byte[BlockBytes];

    private readonly ulong[] _v = new ulong[16];

    private readonly ulong[] _m = new ulong[16];

    private int _filled;

    private UInt128 _counter;

    public Blake2b()
    {
        s_iv.CopyTo(_h, 0);
        // Parameter block: digest length 64, no key, fanout 1, depth 1.
        _h[0] ^= 0x01010000UL ^ DigestBytes;
    }

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new Blake2b();
        hash.Append(data);
        return hash.Finish();
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            // The last block is compressed with the final flag, so a full block waits until more data comes.
            if (_filled == BlockBytes)
            {
                _counter += BlockBytes;
                Compress(last: false);
                _filled = 0;
            }

            var n = Math.Min(BlockBytes - _filled, data.Length);
            data[..n].CopyTo(_block.AsSpan(_filled));
            _filled += n;
            data = data[n..];
        }
    }

    public byte[] Finish()
    {
        _counter += (ulong)_filled;
        _block.AsSpan(_filled).Clear();
        Compress(last: true);
        var digest = new byte[DigestBytes];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(digest.AsSpan(i * 8), _h[i]);
        }

        return digest;
    }

    private void Compress(bool last)
    {
        var v = _v;
        var m = _m;
        for (var i = 0; i < 16; i++)
        {
            m[i] = BinaryPrimitives.ReadUInt64LittleEndian(_block.AsSpan(i * 8));
        }

        _h.CopyTo(v, 0);
        s_iv.CopyTo(v, 8);
        v[12] ^= (ulong)_counter;
        v[13] ^= (ulong)(_counter >> 64);
        if (last)
        {
            v[14] = ~v[14];
        }

        for (var round = 0; round < 12; round++)
        {
            var s = s_sigma[round % 10];
            Mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            Mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            Mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            Mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            Mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            Mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            Mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            Mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }

        for (var i = 0; i < 8; i++)
        {
            _h[i] ^= v[i] ^ v[i + 8];
        }
    }

    private static void Mix(ulong[] v, int a, int b, int c, int d, ulong x, ulong y)
    {
        v[a] += v[b] + x;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 32);
        v[c] += v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 24);
        v[a] += v[b] + y;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 16);
        v[c] += v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 63);
    }
}
