using System.Collections.Immutable;
using System.Text;
using GoSynth.Builder.Configuration.Internal;

namespace GoSynth.Builder.Configuration;

public static partial class DsynthConfiguration
{
    /// <summary>
    /// Writes a commented dsynth.ini for <paramref name="options"/> (every dsynth key with its value, the optional
    /// ones and GoSynth's own commented out), a commented <c>&lt;profile&gt;-make.conf</c> when there is none, and
    /// creates the directories the configuration names (except the ports tree). The file appears whole or not at
    /// all, and an existing dsynth.ini is never overwritten.
    /// </summary>
    /// <param name="directory">Where to write, e.g. <c>/etc/dsynth</c>; created when missing.</param>
    /// <param name="options">The values to write; null for the defaults.</param>
    /// <exception cref="BuilderConfigurationException">A dsynth.ini exists already, or the options are invalid.</exception>
    public static InitResult Init(string directory, BuilderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new BuilderOptions();
        var file = Path.GetFullPath(Path.Combine(directory, FileName));
        if (File.Exists(file))
        {
            throw new BuilderConfigurationException("a configuration exists already; GoSynth does not overwrite it. Edit it, or move it away and run init again.", file);
        }

        var problems = BuilderOptionsValidator.Problems(options);
        if (problems.Count > 0)
        {
            throw new BuilderConfigurationException("cannot write an invalid configuration: " + string.Join(" ", problems.Select(p => p.Message)), file);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var created = ImmutableArray.CreateBuilder<string>();
        foreach (var path in new[]
                 {
                     options.PackagesDirectory, options.EffectiveRepositoryDirectory, options.OptionsDirectory,
                     options.DistfilesDirectory, options.BuildBase, options.LogsDirectory,
                 })
        {
            if (!Directory.Exists(path))
            {
                Directory.CreateDirectory(path);
                created.Add(path);
            }
        }

        var makeConf = Path.Combine(Path.GetDirectoryName(file)!, MakeConfFileName(options.Profile));
        string? writtenMakeConf = WriteNew(makeConf, MakeConfTemplate(options.Profile)) ? makeConf : null;
        if (!WriteNew(file, IniText(options)))
        {
            throw new BuilderConfigurationException("a configuration appeared while init was writing one; it was left as it is.", file);
        }

        return new InitResult(file, writtenMakeConf, created.ToImmutable());
    }

    /// <summary>Writes a temporary file and links it into place only when <paramref name="path"/> does not exist.</summary>
    private static bool WriteNew(string path, string text)
    {
        if (File.Exists(path))
        {
            return false;
        }

        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(Encoding.UTF8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string IniText(BuilderOptions options)
    {
        var text = new StringBuilder();
        text.Append("; dsynth.ini: the build configuration, read by gosynth (and, without the GoSynth-only keys, by dsynth).\n")
            .Append("; Lines starting with ; or # are comments. A value is one word. Keys in [Global Configuration]\n")
            .Append("; apply to every profile; a profile's own keys override them.\n\n")
            .Append('[').Append(ConfigurationKeys.GlobalSection).Append("]\n")
            .Append(ConfigurationKeys.ProfileSelected).Append(" = ").Append(options.Profile).Append("\n\n")
            .Append('[').Append(options.Profile).Append("]\n");
        foreach (var key in ConfigurationKeys.All.Where(k => !k.GoSynthOnly))
        {
            AppendKey(text, key, options);
        }

        text.Append("\n; GoSynth-only keys: dsynth rejects them, so remove them if dsynth reads this file too.\n");
        foreach (var key in ConfigurationKeys.All.Where(k => k.GoSynthOnly))
        {
            AppendKey(text, key, options);
        }

        return text.ToString();
    }

    private static void AppendKey(StringBuilder text, ConfigurationKey key, BuilderOptions options)
    {
        text.Append("; ").Append(key.Comment).Append('\n');
        if (key.InitValue is { } value)
        {
            text.Append(key.Name).Append(" = ").Append(value(options)).Append('\n');
        }
        else
        {
            text.Append("; ").Append(key.Name).Append(" = ").Append(key.Example).Append('\n');
        }
    }

    private static string MakeConfTemplate(string profile) =>
        $"""
        # {MakeConfFileName(profile)}: make variables for every build of profile {profile}.
        # Each VAR=VALUE line is added to the slots' /etc/make.conf and to the metadata scan.
        # Examples (remove the # to use one):
        #LICENSES_ACCEPTED=  NONE
        #DEFAULT_VERSIONS+=  ssl=openssl
        #WITH_DEBUG=         yes
        #DISABLE_LICENSES=   yes

        """;
}
