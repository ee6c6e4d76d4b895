using System.Numerics;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Curve25519 in the three shapes pkg's EdDSA keys pass through, over GF(p), p = 2^255 − 19:
/// <list type="bullet">
/// <item>Montgomery: v² = u³ + A·u² + u, A = 486662 (B = 1).</item>
/// <item>Short Weierstrass (libecc's <c>WEI25519</c>, the form pkg stores public keys in): Y² = X³ + a·X + b with
/// a = (3 − A²)/3 and b = (2A³ − 9A)/27. Substituting u = X − A/3, v = Y into the Montgomery equation gives exactly this
/// (the shift removes the u² term), so (X, Y) = (u + A/3, v) is an isomorphism of groups.</item>
/// <item>Twisted Edwards (Ed25519, RFC 8032): −x² + y² = 1 + d·x²·y², d = −121665/121666. The birational map
/// x = α·u/v, y = (u − 1)/(u + 1), with inverse u = (1 + y)/(1 − y), v = α·u/x, needs α² = −(A + 2) = −486664; of the
/// two roots, α is the one that sends the Montgomery base point (u = 9) to the RFC 8032 base point (its x even), which
/// is the choice libecc makes (its <c>alpha_edwards</c>), so a key libecc made encodes to the Ed25519 key RFC 8032 gives.
/// The map is undefined where v = 0 or u = −1 (the points of order 2 and 4 and the neutral element); none of them is
/// a usable public key.</item>
/// </list>
/// Plus the little Edwards arithmetic that checks a key's order and signs with pkg's own (already hashed) private keys,
/// which no Ed25519 library accepts: extended coordinates, not constant-time (BouncyCastle signs seed keys).
/// </summary>
internal static class PkgWei25519
{
    /// <summary>The field prime 2^255 − 19.</summary>
    public static readonly BigInteger P = (BigInteger.One << 255) - 19;

    /// <summary>The order of the base point (and of the prime-order subgroup): 2^252 + 27742317777372353535851937790883648493.</summary>
    public static readonly BigInteger L = (BigInteger.One << 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Montgomery coefficient A.</summary>
    public static readonly BigInteger MontgomeryA = 486662;

    /// <summary>A/3 mod p: the shift between Montgomery u and Weierstrass X.</summary>
    public static readonly BigInteger Shift = Mul(MontgomeryA, Inverse(3));

    /// <summary>The Weierstrass a = (3 − A²)/3.</summary>
    public static readonly BigInteger WeierstrassA = Mul(Mod(3 - (MontgomeryA * MontgomeryA)), Inverse(3));

    /// <summary>The Weierstrass b = (2A³ − 9A)/27.</summary>
    public static readonly BigInteger WeierstrassB = Mul(Mod((2 * BigInteger.Pow(MontgomeryA, 3)) - (9 * MontgomeryA)), Inverse(27));

    /// <summary>The Edwards d = −121665/121666.</summary>
    public static readonly BigInteger D = Mul(Mod(-121665), Inverse(121666));

    /// <summary>α, the square root of −486664 that maps base point to base point (see the class remarks).</summary>
    public static readonly BigInteger Alpha = Hex("70d9120b9f5ff9442d84f723fc03b0813a5e2c2eb482e57d3391fb5500ba81e7");

    /// <summary>A square root of −1, 2^((p − 1)/4), for square roots when p ≡ 5 (mod 8). Before the base point, which needs it.</summary>
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);

    /// <summary>The RFC 8032 base point: y = 4/5, x the even root.</summary>
    public static readonly EdwardsPoint BasePoint = Decode(Convert.FromHexString("5866666666666666666666666666666666666666666666666666666666666666"))
        ?? throw new InvalidOperationException("the Ed25519 base point does not decode");

    /// <summary>Whether (x, y) satisfies the Weierstrass equation (both below p).</summary>
    public static bool IsOnWeierstrassCurve(BigInteger x, BigInteger y) =>
        x >= 0 && x < P && y >= 0 && y < P && Mul(y, y) == Mod((x * x * x) + (WeierstrassA * x) + WeierstrassB);

    /// <summary>The Edwards point of a Weierstrass point, or <see langword="null"/> where the map is undefined.</summary>
    public static EdwardsPoint? WeierstrassToEdwards(BigInteger x, BigInteger y)
    {
        var u = Mod(x - Shift);
        var v = y;
        if (v.IsZero || u == P - 1)
        {
            return null;
        }

        var ex = Mul(Mul(Alpha, u), Inverse(v));
        var ey = Mul(Mod(u - 1), Inverse(u + 1));
        return EdwardsPoint.FromAffine(ex, ey);
    }

    /// <summary>The Weierstrass point of an Edwards point, or <see langword="null"/> where the map is undefined (x = 0).</summary>
    public static (BigInteger X, BigInteger Y)? EdwardsToWeierstrass(EdwardsPoint point)
    {
        var (x, y) = point.ToAffine();
        if (x.IsZero)
        {
            return null;
        }

        var u = Mul(Mod(1 + y), Inverse(Mod(1 - y)));
        var v = Mul(Mul(Alpha, u), Inverse(x));
        return (Mod(u + Shift), v);
    }

    /// <summary>RFC 8032 point decoding (y little-endian, x's parity in the top bit); <see langword="null"/> if it is not a point.</summary>
    public static EdwardsPoint? Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != 32)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[32];
        encoded.CopyTo(bytes);
        var sign = bytes[31] >> 7;
        bytes[31] &= 0x7f;
        var y = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
        if (y >= P)
        {
            return null;
        }

        var yy = Mul(y, y);
        var u = Mod(yy - 1);
        var w = Mod((D * yy) + 1);
        var xx = Mul(u, Inverse(w));
        var x = BigInteger.ModPow(xx, (P + 3) / 8, P);
        if (Mul(x, x) != xx)
        {
            x = Mul(x, SqrtMinusOne);
            if (Mul(x, x) != xx)
            {
                return null;
            }
        }

        if (x.IsZero && sign == 1)
        {
            return null;
        }

        if ((int)(x & 1) != sign)
        {
            x = P - x;
        }

        return EdwardsPoint.FromAffine(x, y);
    }

    /// <summary>The Edwards point of an X ‖ Y buffer (big-endian coordinates, as libecc exports affine points), if it is on the curve and not special.</summary>
    public static EdwardsPoint? FromWeierstrassBytes(ReadOnlySpan<byte> xy)
    {
        if (xy.Length != 64)
        {
            return null;
        }

        var x = new BigInteger(xy[..32], isUnsigned: true, isBigEndian: true);
        var y = new BigInteger(xy[32..], isUnsigned: true, isBigEndian: true);
        return IsOnWeierstrassCurve(x, y) ? WeierstrassToEdwards(x, y) : null;
    }

    /// <summary>X ‖ Y, 32 bytes each, big-endian: how libecc exports (and pkg stores) a WEI25519 point.</summary>
    public static byte[]? ToWeierstrassBytes(EdwardsPoint point)
    {
        if (EdwardsToWeierstrass(point) is not var (x, y))
        {
            return null;
        }

        var bytes = new byte[64];
        x.TryWriteBytes(bytes.AsSpan(32 - x.GetByteCount(isUnsigned: true), x.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        y.TryWriteBytes(bytes.AsSpan(64 - y.GetByteCount(isUnsigned: true), y.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }

    public static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }

    public static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);

    private static BigInteger Mul(BigInteger a, BigInteger b) => a * b % P;

    private static BigInteger Hex(string hex) => new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);

    /// <summary>A point of the Edwards curve in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, x·y = T/Z.</summary>
    internal readonly record struct EdwardsPoint(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T)
    {
        public static EdwardsPoint Identity => new(0, 1, 1, 0);

        public bool IsIdentity => X.IsZero && Y == Z;

        public static EdwardsPoint FromAffine(BigInteger x, BigInteger y) => new(x, y, 1, Mul(x, y));

        public (BigInteger X, BigInteger Y) ToAffine()
        {
            var zi = Inverse(Z);
            return (Mul(X, zi), Mul(Y, zi));
        }

        /// <summary>The unified addition for a = −1 (Hisil–Wong–Carter–Dawson); it also doubles.</summary>
        public EdwardsPoint Add(EdwardsPoint other)
        {
            var a = Mul(Mod(Y - X), Mod(other.Y - other.X));
            var b = Mul(Y + X, other.Y + other.X);
            var c = Mul(Mul(2 * D, T), other.T);
            var d = Mul(2 * Z, other.Z);
            var e = Mod(b - a);
            var f = Mod(d - c);
            var g = Mod(d + c);
            var h = Mod(b + a);
            return new(Mul(e, f), Mul(g, h), Mul(f, g), Mul(e, h));
        }

        public EdwardsPoint Multiply(BigInteger scalar)
        {
            var result = Identity;
            for (var bit = (int)scalar.GetBitLength() - 1; bit >= 0; bit--)
            {
                result = result.Add(result);
                if (!((scalar >> bit) & 1).IsZero)
                {
                    result = result.Add(this);
                }
            }

            return result;
        }

        /// <summary>RFC 8032 encoding: y little-endian, the parity of x in the top bit.</summary>
        public byte[] Encode()
        {
            var (x, y) = ToAffine();
            var bytes = new byte[32];
            y.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
            bytes[31] |= (byte)((int)(x & 1) << 7);
            return bytes;
        }
    }
}
