using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Syntax;

/// <summary>Everything the guard reads out of one revision file. Immutable; spans index <see cref="Text"/>.</summary>
internal sealed record ParsedModule(
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
    private SourceText? _document;

    /// <summary>The text and comments, shared with the findings that outlive this tree.</summary>
    public SourceText Document => _document ??= new SourceText(Path, Text, Comments);

    /// <summary>Line and column positions of <see cref="Text"/>.</summary>
    public LineIndex Lines => Document.Lines;

    /// <summary>The last module-level assignment to <paramref name="name"/> that has a value, as Python would leave it.</summary>
    public Assignment? LastModuleAssignment(string name) => LastModuleAssignment(name, int.MaxValue);

    /// <summary>
    /// The last module-level assignment to <paramref name="name"/> with a value in a statement starting
    /// before offset <paramref name="before"/>: what the name holds when a statement there runs.
    /// </summary>
    public Assignment? LastModuleAssignment(string name, int before)
    {
        for (var i = ModuleAssignments.Length - 1; i >= 0; i--)
        {
            var assignment = ModuleAssignments[i];
            if (assignment.Value is not null && assignment.Span.Start < before && string.Equals(assignment.Target, name, StringComparison.Ordinal))
            {
                return assignment;
            }
        }

        return null;
    }

    public FunctionDef? Function(string name) =>
        Functions.LastOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}
