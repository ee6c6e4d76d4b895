// The environment package runs on Linux, FreeBSD and DragonFly; its tests run where it runs.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
