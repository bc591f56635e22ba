using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Rules;

/// <summary>One statement of the run with the revision it belongs to; <see cref="Index"/> counts the run's statements from 0.</summary>
internal readonly record struct RunStatement(RevisionPlan Revision, PlannedStatement Statement, int Index);

/// <summary>What a lock rule sees (the plan of the run), and where it reports. Not shared between threads.</summary>
/// <param name="plan">The run's lock model.</param>
/// <param name="document">The text of a revision file by its display path (loaded only when a finding is located).</param>
/// <param name="envPy">env.py as the run settings were read from it, or null when there is none.</param>
internal sealed class LockRuleContext(LockPlan plan, Func<string, SourceText> document, (string DisplayPath, SourceText Text)? envPy)
{
    private readonly List<Finding> _findings = [];
    private ImmutableArray<RunStatement> _statements;

    public LockPlan Plan { get; } = plan;

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Every statement of the run in the order it runs.</summary>
    public ImmutableArray<RunStatement> Statements
    {
        get
        {
            if (_statements.IsDefault)
            {
                var builder = ImmutableArray.CreateBuilder<RunStatement>();
                foreach (var revision in Plan.Revisions)
                {
                    foreach (var statement in revision.Statements)
                    {
                        builder.Add(new RunStatement(revision, statement, builder.Count));
                    }
                }

                _statements = builder.ToImmutable();
            }

            return _statements;
        }
    }

    /// <summary>The parts of every statement of the run that are <typeparamref name="T"/>, with their statement.</summary>
    public IEnumerable<(RunStatement At, T Operation)> Parts<T>()
        where T : DbOperation
    {
        foreach (var at in Statements)
        {
            foreach (var part in at.Statement.Parts)
            {
                if (part is T typed)
                {
                    yield return (at, typed);
                }
            }
        }
    }

    /// <summary>True when production holds <paramref name="table"/> when the statement runs (see <see cref="PlannedStatement.NewTables"/>).</summary>
    public static bool Exists(PlannedStatement statement, RelationName table) => !statement.NewTables.Contains(table);

    /// <summary>The locks of a statement that make the application wait (writes, or reads and writes) on tables production holds.</summary>
    public static IEnumerable<TableLock> Blocking(PlannedStatement statement) =>
        statement.Effect.Locks.Where(l => l.Mode.BlocksWrites() && Exists(statement, l.Table));

    /// <summary>Reports on a statement, at the call it comes from; a suppression comment on that call matches.</summary>
    /// <param name="rule">The rule reporting.</param>
    /// <param name="at">The statement found.</param>
    /// <param name="message">The hazard: operation, tables, lock mode, what it blocks, scan or rewrite, how long.</param>
    /// <param name="help">The safe rewrite.</param>
    /// <param name="target">What the finding is about, as approvals and reports name it.</param>
    /// <param name="severity">The severity when it is not the rule's default.</param>
    public void Report(RuleMetadata rule, RunStatement at, string message, string help, string? target, Severity? severity = null)
    {
        var site = at.Statement.Site;

        // A call's source is its identity; SQL statements share their execute call's, so their message is.
        var operation = site.Source == OperationSource.Sql ? default : site.Span;
        _findings.Add(new Finding(
            rule, severity ?? rule.DefaultSeverity, Scope.Upgrade, document(at.Revision.Path), at.Revision.Path, site.Span, site.Span,
            at.Revision.Revision, message, help, [])
        {
            Target = target,
            Operation = operation,
        });
    }

    /// <summary>
    /// Where env.py configures the online run: the last <c>context.configure(</c> outside a comment (Alembic's
    /// template configures the offline run first); -1 when there is none.
    /// </summary>
    private static int ConfigureCall(string text)
    {
        const string call = "context.configure(";
        for (var at = text.LastIndexOf(call, StringComparison.Ordinal); at >= 0; at = at == 0 ? -1 : text.LastIndexOf(call, at - 1, StringComparison.Ordinal))
        {
            var lineStart = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
            if (!text.AsSpan(lineStart, at - lineStart).Contains('#'))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>
    /// Reports a run-level finding on env.py, at its <c>context.configure(</c> call when it has one; without an
    /// env.py, on the statement <paramref name="fallback"/>.
    /// </summary>
    public void ReportOnRun(RuleMetadata rule, RunStatement fallback, string message, string help, string? target)
    {
        if (envPy is not { } env)
        {
            Report(rule, fallback, message, help, target);
            return;
        }

        var at = ConfigureCall(env.Text.Text);
        var span = at < 0 ? new TextSpan(0, 0) : new TextSpan(at, "context.configure".Length);
        // The configure call's text is the fingerprint: it stays while env.py's settings do, whatever the counts say.
        _findings.Add(new Finding(rule, rule.DefaultSeverity, Scope.Upgrade, env.Text, env.DisplayPath, span, span, null, message, help, [])
        {
            Target = target,
            Operation = span,
        });
    }
}
