using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Tests.Diagnostics;

internal sealed class FingerprintsTests
{
    [TestCase("op.drop_column('users', 'fax')", "op.drop_column(\"users\", \"fax\")")]
    [TestCase("op.drop_column('users', 'fax')", "op.drop_column(\n    \"users\",  # the table\n    \"fax\",\n)")]
    [TestCase("op.execute('''DROP  TABLE t''')", "op.execute(\"DROP  TABLE t\")")]
    [TestCase("f(a, b)", "f( a ,b )")]
    public void Layout_comments_quotes_and_trailing_commas_do_not_change_the_normal_form(string a, string b) =>
        Fingerprints.NormalizeSource(a).ShouldBe(Fingerprints.NormalizeSource(b));

    [TestCase("op.drop_column('users', 'fax')", "op.drop_column('users', 'pager')")]
    [TestCase("op.execute('DROP  TABLE t')", "op.execute('DROP TABLE t')")]
    [TestCase("f(a b)", "f(ab)")]
    [TestCase("f('it''s')", "f('its')")]
    [TestCase("f('a # not a comment')", "f('a ')")]
    public void Content_changes_change_the_normal_form(string a, string b) =>
        Fingerprints.NormalizeSource(a).ShouldNotBe(Fingerprints.NormalizeSource(b));

    [Test]
    public void Compute_is_stable_and_16_hex_digits() =>
        Fingerprints.Compute("MG202", "a1", "x").ShouldBe(Fingerprints.Compute("MG202", "a1", "x"));
}
