using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Discovery;

internal sealed class AlembicConfigReaderTests
{
    private static AlembicSettings Read(TempTree tree, string ini, string file = "alembic.ini")
    {
        var path = tree.Write(file, ini);
        AlembicConfigReader.TryRead(path, tree.Root, "alembic", out var settings, out var error).ShouldBeTrue(error);
        return settings;
    }

    [Test]
    public void Default_location_is_script_location_versions_with_here_interpolated()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("db/migrations"));

        var settings = Read(tree, "[alembic]\nscript_location = %(here)s/db/migrations\n");

        settings.ScriptLocation.ShouldBe(tree.PathOf("db/migrations"));
        settings.VersionLocations.ShouldBe([tree.PathOf("db/migrations/versions")]);
        settings.Recursive.ShouldBeFalse();
    }

    [TestCase("os", "%(here)s/a:%(here)s/b")]
    [TestCase(":", "%(here)s/a:%(here)s/b")]
    [TestCase(";", "%(here)s/a;%(here)s/b")]
    [TestCase("space", "%(here)s/a %(here)s/b")]
    [TestCase("newline", "\n    %(here)s/a\n    %(here)s/b")]
    public void Version_locations_split_on_the_configured_separator(string separator, string locations)
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("m"));

        var settings = Read(tree, $"[alembic]\nscript_location = m\nversion_path_separator = {separator}\nversion_locations = {locations}\n");

        settings.VersionLocations.ShouldBe([tree.PathOf("a"), tree.PathOf("b")]);
    }

    [Test]
    public void Without_a_separator_locations_split_on_spaces_and_commas_and_path_separator_wins()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("m"));

        Read(tree, "[alembic]\nscript_location = m\nversion_locations = %(here)s/a, %(here)s/b %(here)s/c\n")
            .VersionLocations.ShouldBe([tree.PathOf("a"), tree.PathOf("b"), tree.PathOf("c")]);
        Read(tree, "[alembic]\nscript_location = m\npath_separator = ;\nversion_path_separator = space\nversion_locations = %(here)s/a;%(here)s/b\n")
            .VersionLocations.ShouldBe([tree.PathOf("a"), tree.PathOf("b")]);
    }

    [Test]
    public void Invalid_separator_and_missing_script_location_are_errors()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("m"));
        var bad = tree.Write("bad.ini", "[alembic]\nscript_location = m\nversion_path_separator = pipe\nversion_locations = a|b\n");
        AlembicConfigReader.TryRead(bad, tree.Root, "alembic", out _, out var error).ShouldBeFalse();
        error.ShouldContain("'pipe' is not a valid value");

        var missing = tree.Write("missing.ini", "[alembic]\nscript_location = nowhere\n");
        AlembicConfigReader.TryRead(missing, tree.Root, "alembic", out _, out error).ShouldBeFalse();
        error.ShouldContain("path doesn't exist");

        var package = tree.Write("package.ini", "[alembic]\nscript_location = myapp:migrations\n");
        AlembicConfigReader.TryRead(package, tree.Root, "alembic", out _, out error).ShouldBeFalse();
        error.ShouldContain("package resource");
    }

    [TestCase("true", true)]
    [TestCase("yes", true)]
    [TestCase("1", true)]
    [TestCase("off", false)]
    public void Recursive_version_locations_is_read_as_a_configparser_boolean(string value, bool expected)
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("m"));

        Read(tree, $"[alembic]\nscript_location = m\nrecursive_version_locations = {value}\n").Recursive.ShouldBe(expected);
    }

    [Test]
    public void Pyproject_tool_alembic_table_is_read()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("migrations"));

        var settings = Read(tree, """
            [project]
            name = "x"

            [tool.alembic]
            script_location = "%(here)s/migrations"
            version_locations = [
                "%(here)s/migrations/versions",  # main history
                "%(here)s/plugins/versions",
            ]
            recursive_version_locations = true

            [tool.other]
            script_location = "wrong"
            """, "pyproject.toml");

        settings.VersionLocations.ShouldBe([tree.PathOf("migrations/versions"), tree.PathOf("plugins/versions")]);
        settings.Recursive.ShouldBeTrue();
    }
}
