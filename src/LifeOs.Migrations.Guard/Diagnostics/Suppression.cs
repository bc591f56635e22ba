namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>Why a finding is not counted: the comment that suppressed it, with its 1-based line and its reason.</summary>
/// <param name="Line">1-based line of the suppression comment.</param>
/// <param name="Reason">The text after <c>--</c>; null when the comment gave none (itself reported as MG002).</param>
/// <param name="FileWide">True for <c>ignore-file[…]</c>.</param>
public sealed record Suppression(int Line, string? Reason, bool FileWide);
