using System.Diagnostics;

namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>A real git repository in a temp directory, driven with the git command line.</summary>
internal sealed class GitRepository : IDisposable
{
    private readonly TempTree _tree = new();

    public GitRepository()
    {
        Git("init", "-q", "-b", "main");
    }

    public string Root => _tree.Root;

    public string Write(string relative, string content) => _tree.Write(relative, content);

    public void Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
    }

    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in new[]
        {
            ("GIT_AUTHOR_NAME", "Test"), ("GIT_AUTHOR_EMAIL", "test@example.com"),
            ("GIT_COMMITTER_NAME", "Test"), ("GIT_COMMITTER_EMAIL", "test@example.com"),
            ("GIT_CONFIG_NOSYSTEM", "1"), ("HOME", Root),
        })
        {
            start.Environment[key] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"git {string.Join(' ', arguments)}: {error}");
        return output;
    }

    public void Dispose() => _tree.Dispose();
}
