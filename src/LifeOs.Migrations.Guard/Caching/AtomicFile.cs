namespace LifeOs.Migrations.Guard.Caching;

/// <summary>
/// How the caches write their files: into a temporary file beside the target, renamed over it when
/// complete, so a reader never sees half a file. Best effort: a file that cannot be written is
/// skipped (and its temporary removed); the caches are an optimisation.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>; false when it could not be written.</summary>
    public static bool TryWrite(string path, Action<FileStream> write)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do.
            }

            return false;
        }
    }
}
