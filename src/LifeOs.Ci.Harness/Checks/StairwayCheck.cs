using System.Collections.Immutable;
using System.Globalization;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Schema;

namespace LifeOs.Ci.Harness.Checks;

/// <summary>
/// <see cref="MigrationCheck.Stairway"/>: for each revision in dependency order, upgrade to it, then downgrade one step and compare
/// with the snapshot before it, then upgrade again and compare with the snapshot after it. Stops at the first revision that fails.
/// </summary>
/// <remarks>It needs a fresh database because it walks the revisions itself, from an empty schema.</remarks>
internal sealed class StairwayCheck : IVerifierCheck
{
    /// <inheritdoc />
    public MigrationCheck Check => MigrationCheck.Stairway;

    /// <inheritdoc />
    public CheckNeeds Needs => CheckNeeds.FreshDatabase;

    /// <inheritdoc />
    public Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken) =>
        RunAsync(context.Alembic, context.ConnectionString, cancellationToken);

    /// <summary>The stairway on the database behind <paramref name="alembic"/>, which must be at base (empty).</summary>
    /// <param name="alembic">A session on the database.</param>
    /// <param name="connectionString">The same database, for snapshots.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The stairway result, naming the revision and the objects that differ on failure.</returns>
    public static async Task<CheckResult> RunAsync(AlembicSession alembic, string connectionString, CancellationToken cancellationToken)
    {
        ImmutableArray<AlembicRevision> order;
        try
        {
            order = RevisionOrder.BaseToHeads(await alembic.HistoryAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidOperationException e)
        {
            return new CheckResult(MigrationCheck.Stairway, CheckStatus.Failed, "the revision graph does not load: " + CheckText.FirstLine(e.Message), null, null, e.Message);
        }

        // One session for all snapshots: a new session starts with cold catalog caches, which costs more than the queries.
        await using var catalog = await CheckContext.OpenCatalogAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var before = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);
        var notes = new List<string>();
        foreach (var revision in order)
        {
            var label = CheckText.Label(revision);
            var up = await alembic.UpgradeAsync(revision.Id, cancellationToken).ConfigureAwait(false);
            if (!up.Succeeded)
            {
                return new CheckResult(MigrationCheck.Stairway, CheckStatus.Failed, $"upgrade to {label} failed: {CheckText.FirstLine(up.Error)}", revision.Id, null, CheckText.Details(up));
            }

            var after = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);

            // A merge has no single "-1"; downgrading to one parent undoes only the merge. Otherwise rev@-1 steps down this branch
            // alone, leaving sibling branches that are already applied in place.
            var downTarget = revision.IsMerge ? revision.DownRevisions[0] : revision.Id + "@-1";
            var down = await alembic.DowngradeAsync(downTarget, cancellationToken).ConfigureAwait(false);
            if (!down.Succeeded)
            {
                return new CheckResult(MigrationCheck.Stairway, CheckStatus.Failed, $"downgrade of {label} failed: {CheckText.FirstLine(down.Error)}", revision.Id, null, CheckText.Details(down));
            }

            var undone = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);
            var notUndone = SchemaDiff.Between(before, undone, $"before {revision.Id}", $"after upgrade+downgrade of {revision.Id}");
            if (!notUndone.IsEmpty)
            {
                return new CheckResult(
                    MigrationCheck.Stairway,
                    CheckStatus.Failed,
                    $"downgrade of {label} does not undo its upgrade: {CheckText.Describe(notUndone)}",
                    revision.Id,
                    notUndone);
            }

            if (revision.IsMerge)
            {
                // Downgrading a merge writes all its parents to alembic_version, even a parent that another parent depends_on.
                // Alembic 1.8 may then refuse to upgrade ("Requested revision … overlaps with …"), although upgrading the same
                // graph forward leaves only the dependent parent there. The schema is already proven equal, so the version table
                // is reduced to its real heads, as a forward upgrade leaves it, and the report says so.
                var current = await alembic.CurrentAsync(cancellationToken).ConfigureAwait(false);
                var heads = RevisionOrder.WithoutAncestors(current, order);
                if (heads.Length != current.Length)
                {
                    await alembic.StampAsync(heads, cancellationToken).ConfigureAwait(false);
                    notes.Add($"after downgrading merge {revision.Id}, Alembic recorded {string.Join(", ", current)} in alembic_version; "
                        + $"restamped to {string.Join(", ", heads)} (a parent of the merge depends_on another parent)");
                }
            }

            var again = await alembic.UpgradeAsync(revision.Id, cancellationToken).ConfigureAwait(false);
            if (!again.Succeeded)
            {
                return new CheckResult(MigrationCheck.Stairway, CheckStatus.Failed, $"upgrade to {label} after its downgrade failed: {CheckText.FirstLine(again.Error)}", revision.Id, null, CheckText.Details(again));
            }

            var redone = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);
            var different = SchemaDiff.Between(after, redone, $"after upgrade to {revision.Id}", $"after up, down, up of {revision.Id}");
            if (!different.IsEmpty)
            {
                return new CheckResult(
                    MigrationCheck.Stairway,
                    CheckStatus.Failed,
                    $"upgrading {label} again after its downgrade gives another schema: {CheckText.Describe(different)}",
                    revision.Id,
                    different);
            }

            before = after;
        }

        return new CheckResult(
            MigrationCheck.Stairway,
            CheckStatus.Passed,
            string.Create(CultureInfo.InvariantCulture, $"{order.Length} revisions: each downgrade undoes its upgrade"),
            null,
            null,
            notes.Count == 0 ? null : "note: " + string.Join("\nnote: ", notes));
    }
}
