using LifeOs.Ci.Harness.Schema;

namespace LifeOs.Ci.Harness.Checks;

/// <summary><see cref="MigrationCheck.Golden"/>: the head schema equals the committed golden snapshot (or, on request, becomes it).</summary>
internal sealed class GoldenCheck : IVerifierCheck
{
    /// <inheritdoc />
    public MigrationCheck Check => MigrationCheck.Golden;

    /// <inheritdoc />
    public CheckNeeds Needs => CheckNeeds.DatabaseAtHead;

    /// <inheritdoc />
    public Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken) => Task.FromResult(Compare(context.Head, context.Options));

    private CheckResult Compare(SchemaSnapshot head, VerifyOptions options)
    {
        if (options.GoldenPath is null)
        {
            return new CheckResult(Check, CheckStatus.Skipped, "no golden file given (--golden)");
        }

        var path = options.GoldenPath;
        if (options.UpdateGolden)
        {
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                return new CheckResult(Check, CheckStatus.Failed, $"refusing to update {path}: CI is set, and CI never writes golden files");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, head.Text);
            return new CheckResult(Check, CheckStatus.Passed, $"wrote the head schema to {path}");
        }

        if (!File.Exists(path))
        {
            return new CheckResult(Check, CheckStatus.Failed, $"golden file {path} does not exist (create it with --update-golden, then review and commit it)");
        }

        var golden = SchemaSnapshot.FromText(File.ReadAllText(path));
        var diff = SchemaDiff.Between(golden, head, path, "head schema");
        return diff.IsEmpty
            ? new CheckResult(Check, CheckStatus.Passed, $"head schema equals {path}")
            : new CheckResult(Check, CheckStatus.Failed,
                $"head schema differs from {path}: {CheckText.Describe(diff)} (if intended: rerun with --update-golden or LIFEOS_UPDATE_GOLDEN=1, review, commit)", null, diff);
    }
}
