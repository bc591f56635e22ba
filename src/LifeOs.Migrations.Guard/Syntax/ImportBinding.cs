namespace LifeOs.Migrations.Guard.Syntax;

/// <summary>
/// A name bound by an import: <c>import sqlalchemy as sa</c> is (<c>sa</c>, <c>sqlalchemy</c>, null);
/// <c>from alembic import op as o</c> is (<c>o</c>, <c>alembic</c>, <c>op</c>).
/// </summary>
internal sealed record ImportBinding(string LocalName, string Module, string? Member);
