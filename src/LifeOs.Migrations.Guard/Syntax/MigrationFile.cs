using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Syntax;

/// <summary>Everything the guard reads out of one revision file. Immutable; spans index <see cref="Text"/>.</summary>
internal sealed record MigrationFile(
    string Path,
    string Text,
    string? Docstring,
    ImmutableArray<Assignment> ModuleAssignments,
    ImmutableArray<ImportBinding> Imports,
    ImmutableArray<FunctionDef> Functions,
    ImmutableArray<CallSite> Calls,
    ImmutableArray<CommentToken> Comments,
    ImmutableArray<SyntaxDiagnostic> Diagnostics)
{
    private LineIndex? _lines;

    /// <summary>Built on first use: only files with findings need it.</summary>
    public LineIndex Lines => _lines ??= LineIndex.Build(Text);

    /// <summary>The last module-level assignment to <paramref name="name"/> that has a value, as Python would leave it.</summary>
    public Assignment? LastModuleAssignment(string name)
    {
        for (var i = ModuleAssignments.Length - 1; i >= 0; i--)
        {
            var assignment = ModuleAssignments[i];
            if (assignment.Value is not null && string.Equals(assignment.Target, name, StringComparison.Ordinal))
            {
                return assignment;
            }
        }

        return null;
    }

    public FunctionDef? Function(string name) =>
        Functions.LastOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}
