using System.Text;
using GoSynth.Pkg.Repositories.Internal;

namespace GoSynth.Pkg.Tests.Repositories;

/// <summary>The BLAKE2b-512 that pkg's ECC signers sign over, checked against published answers (no OpenSSL needed).</summary>
public sealed class Blake2bTests
{
    // RFC 7693, Appendix A: BLAKE2b-512 of the three bytes "abc".
    private const string AbcDigest =
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1" +
        "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923";

    // The digest of no bytes at all (an empty catalog member).
    private const string EmptyDigest =
        "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419" +
        "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce";

    [Fact]
    public void Hash_Rfc7693AppendixA_Abc_MatchesTheKnownAnswer()
    {
        Assert.Equal(AbcDigest, Convert.ToHexStringLower(Blake2b.Hash("abc"u8)));
    }

    [Fact]
    public void Hash_NoBytes_MatchesTheKnownAnswer()
    {
        Assert.Equal(EmptyDigest, Convert.ToHexStringLower(Blake2b.Hash([])));
    }

    [Fact]
    public void Append_ByteAtATime_GivesTheOneShotDigest()
    {
        var hash = new Blake2b();
        foreach (var b in Encoding.ASCII.GetBytes("abc"))
        {
            hash.Append([b]);
        }

        Assert.Equal(AbcDigest, Convert.ToHexStringLower(hash.Finish()));
        Assert.Equal(Blake2b.DigestBytes, Blake2b.Hash([]).Length);
    }
}
