namespace LifeOs.Migrations.Guard.Graph;

/// <summary>Why a file is not in the graph.</summary>
internal enum LeftOutReason
{
    /// <summary>No <c>revision</c> variable and no hex file name to take a legacy id from.</summary>
    NoRevision,

    /// <summary><c>revision</c> is computed or imported: only Python could tell the id.</summary>
    RevisionUnresolvable,

    /// <summary><c>revision</c> is not a single string.</summary>
    RevisionNotAString,

    /// <summary><c>revision</c> is an empty string.</summary>
    RevisionEmpty,

    /// <summary><c>revision</c> contains a character Alembic refuses (<c>@ - + :</c>).</summary>
    RevisionForbiddenCharacter,
}
