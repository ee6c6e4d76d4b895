using GoSynth.Environment.Internal.Slots;

namespace GoSynth.Environment.Tests.Slots;

public sealed class MountInfoTests
{
    [Fact]
    public void ParseLinux_RealMountinfoLines_DecodesOctalEscapes()
    {
        const string text =
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n" +
            "95 22 0:45 / /build/SL01 rw,nosuid - tmpfs tmpfs rw,size=262144k,mode=755\n" +
            "96 95 8:1 /home/me/my\\040ports /build/SL01/xports ro,relatime - ext4 /dev/sda1 rw\n" +
            "97 22 0:46 / /build/with\\040space rw - tmpfs tmpfs rw\n";

        Assert.Equal(["/", "/build/SL01", "/build/SL01/xports", "/build/with space"], MountInfo.ParseLinux(text));
    }

    [Fact]
    public void ParseFstab_MountPOutput_GivesMountPoints()
    {
        const string text =
            "/dev/ada0p2\t\t/\t\tufs\trw\t1 1\n" +
            "tmpfs\t\t\t/build/SL01\ttmpfs\trw,size=17179869184\t0 0\n" +
            "/usr/ports\t\t/build/SL01/xports\tnullfs\tro\t0 0\n";

        Assert.Equal(["/", "/build/SL01", "/build/SL01/xports"], MountInfo.ParseFstab(text));
    }

    [Fact]
    public void Under_SiblingWithCommonPrefix_IsNotIncludedAndDeepestComesFirst()
    {
        string[] mounts = ["/", "/build/SL01", "/build/SL01/usr/local", "/build/SL01/usr", "/build/SL010", "/build/SL01x/a"];

        Assert.Equal(["/build/SL01/usr/local", "/build/SL01/usr", "/build/SL01"], MountInfo.Under(mounts, "/build/SL01/"));
    }
}
