using LifeOs.Migrations.Guard.Ownership;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Ownership;

/// <summary>
/// GitHub's rules, checked against the examples of
/// https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
/// </summary>
internal sealed class CodeOwnersTests
{
    // The example file of GitHub's page, rule for rule (comments shortened).
    private const string GitHubExample = """
        # Default owners for everything in the repository.
        *       @global-owner1 @global-owner2

        # Later lines win: a pull request touching only JS files asks @js-owner alone.
        *.js    @js-owner #This is an inline comment.

        # Emails work too.
        *.go docs@example.com

        # Teams, as @org/team-name.
        *.txt @octo-org/octocats

        # build/logs at the root and every subdirectory.
        /build/logs/ @doctocat

        # Files directly in a docs directory, not deeper.
        docs/* docs@example.com

        # Any apps directory, at any depth.
        apps/ @octocat

        # The root docs directory and every subdirectory.
        /docs/ @doctocat

        # Either of two owners.
        /scripts/ @doctocat @octocat

        # Any logs directory: /build/logs, /scripts/logs, /deeply/nested/logs.
        **/logs @octocat

        # /apps owned by @octocat, except /apps/github, which has no owner.
        /apps/ @octocat
        /apps/github

        # /apps owned by @octocat, except /apps/github, owned by @doctocat.
        /apps/ @octocat
        /apps/github @doctocat
        """;

    private static CodeOwners Parse(string text)
    {
        var owners = CodeOwners.Parse(text, "CODEOWNERS");
        owners.Problems.ShouldBeEmpty();
        return owners;
    }

    private static string[] Owners(string text, string path) => [.. Parse(text).OwnersOf(path)];

    private static string[] OwnedBy(bool owned, string owner) => owned ? [owner] : [];

    [Test]
    public void GitHub_example_file_parses_without_problems()
    {
        var owners = CodeOwners.Parse(GitHubExample, ".github/CODEOWNERS");

        owners.Problems.ShouldBeEmpty();
        owners.Path.ShouldBe(".github/CODEOWNERS");
    }

    [TestCase("README.md", new[] { "@global-owner1", "@global-owner2" })]
    [TestCase("src/deep/app.js", new[] { "@js-owner" })]
    [TestCase("cmd/main.go", new[] { "docs@example.com" })]
    [TestCase("notes/a.txt", new[] { "@octo-org/octocats" })]
    [TestCase("build/logs/today.log", new[] { "@octocat" })] // **/logs comes later than /build/logs/
    [TestCase("build/other.txt", new[] { "@octo-org/octocats" })]
    [TestCase("docs/getting-started.md", new[] { "@doctocat" })] // /docs/ comes later than docs/*
    [TestCase("src/docs/getting-started.md", new[] { "@global-owner1", "@global-owner2" })] // docs/* is rooted
    [TestCase("src/apps/x/y.rb", new[] { "@octocat" })]
    [TestCase("scripts/deploy.sh", new[] { "@doctocat", "@octocat" })]
    [TestCase("deeply/nested/logs/x.md", new[] { "@octocat" })]
    [TestCase("apps/main.rb", new[] { "@octocat" })]
    [TestCase("apps/github/x.rb", new[] { "@doctocat" })]
    public void GitHub_example_file_last_matching_rule_wins(string path, string[] expected) =>
        Owners(GitHubExample, path).ShouldBe(expected);

    [Test]
    public void Star_owns_every_file_at_every_depth()
    {
        const string Text = "* @global-owner1 @global-owner2";

        Owners(Text, "README.md").ShouldBe(["@global-owner1", "@global-owner2"]);
        Owners(Text, "a/b/c/d.py").ShouldBe(["@global-owner1", "@global-owner2"]);
    }

    [TestCase("app.js", true)]
    [TestCase("web/static/app.js", true)]
    [TestCase("app.jsx", false)]
    [TestCase("app.JS", false)] // case-sensitive, as on GitHub
    public void Extension_pattern_matches_at_any_depth(string path, bool owned) =>
        Owners("*.js @js-owner #This is an inline comment.", path).ShouldBe(OwnedBy(owned, "@js-owner"));

    [Test]
    public void Email_and_team_owners_are_kept_as_written()
    {
        Owners("*.go docs@example.com", "cmd/tool/main.go").ShouldBe(["docs@example.com"]);
        Owners("*.txt @octo-org/octocats", "a.txt").ShouldBe(["@octo-org/octocats"]);
    }

    [TestCase("build/logs/a.log", true)]
    [TestCase("build/logs/deep/er/a.log", true)]
    [TestCase("build/logs", false)] // a file named logs: the trailing slash asks for a directory
    [TestCase("src/build/logs/a.log", false)] // the leading slash anchors at the root
    [TestCase("build/logs2/a.log", false)]
    public void Rooted_directory_owns_everything_beneath_it(string path, bool owned) =>
        Owners("/build/logs/ @doctocat", path).ShouldBe(OwnedBy(owned, "@doctocat"));

    [TestCase("docs/getting-started.md", true)]
    [TestCase("docs/build-app/troubleshooting.md", false)] // GitHub's own example: not further nested files
    [TestCase("src/docs/getting-started.md", false)] // the inner slash anchors at the root
    [TestCase("docs", false)]
    public void Docs_star_matches_files_directly_in_docs_only(string path, bool owned) =>
        Owners("docs/* docs@example.com", path).ShouldBe(OwnedBy(owned, "docs@example.com"));

    [TestCase("apps/a.rb", true)]
    [TestCase("src/apps/a.rb", true)]
    [TestCase("src/apps/deep/a.rb", true)]
    [TestCase("apps", false)]
    [TestCase("myapps/a.rb", false)]
    public void Unrooted_directory_matches_at_any_depth(string path, bool owned) =>
        Owners("apps/ @octocat", path).ShouldBe(OwnedBy(owned, "@octocat"));

    [TestCase("docs/a.md", true)]
    [TestCase("docs/build-app/troubleshooting.md", true)]
    [TestCase("src/docs/a.md", false)]
    public void Rooted_docs_directory_owns_its_subdirectories(string path, bool owned) =>
        Owners("/docs/ @doctocat", path).ShouldBe(OwnedBy(owned, "@doctocat"));

    [Test]
    public void Two_owners_are_returned_in_file_order() =>
        Owners("/scripts/ @doctocat @octocat", "scripts/ci/build.sh").ShouldBe(["@doctocat", "@octocat"]);

    [TestCase("logs/a.log", true)]
    [TestCase("build/logs/a.log", true)]
    [TestCase("scripts/logs/a.log", true)]
    [TestCase("deeply/nested/logs/a.log", true)]
    [TestCase("deeply/nested/logs", true)] // a file named logs is matched too (no trailing slash)
    [TestCase("catalogs/a.log", false)]
    [TestCase("logs.txt", false)]
    public void Double_star_prefix_matches_a_directory_at_any_depth(string path, bool owned) =>
        Owners("**/logs @octocat", path).ShouldBe(OwnedBy(owned, "@octocat"));

    [Test]
    public void A_later_rule_without_owners_leaves_the_path_unowned()
    {
        const string Text = "/apps/ @octocat\n/apps/github\n";

        Owners(Text, "apps/main.rb").ShouldBe(["@octocat"]);
        Owners(Text, "apps/github/main.rb").ShouldBeEmpty();
        Owners(Text, "apps/github").ShouldBeEmpty();
        Owners(Text, "apps/githubber/main.rb").ShouldBe(["@octocat"]);
    }

    [Test]
    public void A_later_rule_with_its_own_owner_replaces_the_earlier_one()
    {
        const string Text = "/apps/ @octocat\n/apps/github @doctocat\n";

        Owners(Text, "apps/main.rb").ShouldBe(["@octocat"]);
        Owners(Text, "apps/github/main.rb").ShouldBe(["@doctocat"]);
    }

    [Test]
    public void Last_matching_rule_wins_even_when_an_earlier_rule_is_more_specific()
    {
        const string Text = "/src/db/schema.sql @dba\n*.sql @sql-team\n* @everyone\n";

        Owners(Text, "src/db/schema.sql").ShouldBe(["@everyone"]);
        Owners("* @everyone\n*.sql @sql-team\n/src/db/schema.sql @dba\n", "src/db/schema.sql").ShouldBe(["@dba"]);
    }

    [Test]
    public void A_path_no_rule_matches_has_no_owners() =>
        Owners("/docs/ @doctocat", "src/main.py").ShouldBeEmpty();

    [TestCase("docs/**", "docs/a.md", true)]
    [TestCase("docs/**", "docs/x/y/z.md", true)]
    [TestCase("docs/**", "docs", false)]
    [TestCase("docs/**", "src/docs/a.md", false)]
    [TestCase("a/**/b", "a/b", true)]
    [TestCase("a/**/b", "a/x/b", true)]
    [TestCase("a/**/b", "a/x/y/b/file.txt", true)]
    [TestCase("a/**/b", "a/xb", false)]
    [TestCase("a/**/b", "c/a/x/b", false)]
    [TestCase("**/logs/*.log", "x/logs/a.log", true)]
    [TestCase("**/logs/*.log", "logs/a.log", true)]
    [TestCase("a/*/c", "a/b/c", true)]
    [TestCase("a/*/c", "a/b/x/c", false)] // "*" never crosses "/"
    [TestCase("file?.txt", "dir/file1.txt", true)]
    [TestCase("file?.txt", "dir/file12.txt", false)]
    [TestCase("file?.txt", "dir/file/.txt", false)]
    [TestCase("/README.md", "README.md", true)]
    [TestCase("/README.md", "docs/README.md", false)]
    [TestCase("README.md", "docs/README.md", true)]
    [TestCase("src/lib", "src/lib/deep/a.py", true)] // a directory named without a trailing slash
    [TestCase("src/lib", "src/lib", true)]
    [TestCase("src/lib", "src/library/a.py", false)]
    [TestCase("lib", "pkg/lib/a.py", true)]
    [TestCase("**", "any/where.txt", true)]
    [TestCase("/*", "README.md", true)] // a trailing "/*" stays in its directory, the root included
    [TestCase("/*", "docs/a.md", false)]
    [TestCase("/docs/*/*.md", "docs/x/a.md", true)]
    [TestCase("/docs/*/*.md", "docs/x/y/a.md", false)]
    [TestCase("a.b", "axb", false)] // "." is literal
    [TestCase(@"my\ file.txt", "dir/my file.txt", true)]
    public void Gitignore_wildcards_follow_GitHub(string pattern, string path, bool owned) =>
        Owners(pattern + " @owner", path).ShouldBe(OwnedBy(owned, "@owner"), $"{pattern} vs {path}");

    [Test]
    public void Unsupported_and_unreadable_lines_are_skipped_with_their_line_numbers()
    {
        const string Text = """
            * @everyone
            !*.md @negated
            docs/[ab].md @ranged
            \#notes @escaped
            *.py not-an-owner
            *.sh @ok @bad!name
            //double @x

            *.rb @ruby
            """;

        var owners = CodeOwners.Parse(Text, ".github/CODEOWNERS");

        owners.Problems.Length.ShouldBe(6);
        owners.Problems[0].ShouldStartWith(".github/CODEOWNERS:2: '!*.md': GitHub does not support '!'");
        owners.Problems[1].ShouldStartWith(".github/CODEOWNERS:3: 'docs/[ab].md': GitHub does not support '[ ]'");
        owners.Problems[2].ShouldStartWith(@".github/CODEOWNERS:4: '\#notes': GitHub does not support escaping");
        owners.Problems[3].ShouldStartWith(".github/CODEOWNERS:5: 'not-an-owner' is not an owner");
        owners.Problems[4].ShouldStartWith(".github/CODEOWNERS:6: '@bad!name' is not an owner");
        owners.Problems[5].ShouldStartWith(".github/CODEOWNERS:7: '//double': empty path segment");
        owners.Problems.ShouldAllBe(problem => problem.EndsWith("; line skipped", StringComparison.Ordinal));

        // The skipped lines own nothing; the lines around them still count.
        owners.OwnersOf("a.md").ShouldBe(["@everyone"]);
        owners.OwnersOf("docs/a.md").ShouldBe(["@everyone"]);
        owners.OwnersOf("x.py").ShouldBe(["@everyone"]);
        owners.OwnersOf("x.sh").ShouldBe(["@everyone"]);
        owners.OwnersOf("x.rb").ShouldBe(["@ruby"]);
    }

    [Test]
    public void Comments_blank_lines_crlf_and_a_byte_order_mark_are_ignored()
    {
        var owners = Parse("\uFEFF# header\r\n\r\n   \r\n  # indented comment\r\n*.py   @py   # trailing\r\n");

        owners.OwnersOf("a/b.py").ShouldBe(["@py"]);
        owners.OwnersOf("a/b.txt").ShouldBeEmpty();
    }

    [Test]
    public void Find_prefers_dot_github_then_root_then_docs()
    {
        using var tree = new TempTree();
        CodeOwners.Find(tree.Root).ShouldBeNull();

        tree.Write("docs/CODEOWNERS", "* @from-docs\n");
        Find(tree).ShouldBe(("docs/CODEOWNERS", "@from-docs"));

        tree.Write("CODEOWNERS", "* @from-root\n");
        Find(tree).ShouldBe(("CODEOWNERS", "@from-root"));

        tree.Write(".github/CODEOWNERS", "* @from-github\n");
        Find(tree).ShouldBe((".github/CODEOWNERS", "@from-github"));

        static (string Path, string Owner) Find(TempTree tree)
        {
            var owners = CodeOwners.Find(tree.Root).ShouldNotBeNull();
            owners.Problems.ShouldBeEmpty();
            return (owners.Path, owners.OwnersOf("any/file.py").Single());
        }
    }

    [Test]
    public void Find_does_not_fall_back_when_the_first_file_is_empty_or_broken()
    {
        using var tree = new TempTree();
        tree.Write(".github/CODEOWNERS", "!negated @x\n");
        tree.Write("CODEOWNERS", "* @root\n");

        var owners = CodeOwners.Find(tree.Root).ShouldNotBeNull();

        owners.Path.ShouldBe(".github/CODEOWNERS");
        owners.Problems.Length.ShouldBe(1);
        owners.OwnersOf("a.py").ShouldBeEmpty();
    }

    [Test]
    public void Find_ignores_a_directory_named_CODEOWNERS_and_a_lowercase_file()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf(".github/CODEOWNERS"));
        tree.Write("codeowners", "* @lower\n");
        tree.Write("docs/CODEOWNERS", "* @docs\n");

        CodeOwners.Find(tree.Root).ShouldNotBeNull().Path.ShouldBe("docs/CODEOWNERS");
    }

    [Test]
    public void Find_reports_a_file_too_large_for_GitHub_instead_of_reading_it()
    {
        using var tree = new TempTree();
        tree.Write("CODEOWNERS", "* @everyone\n" + new string('#', 3 * 1024 * 1024));

        var owners = CodeOwners.Find(tree.Root).ShouldNotBeNull();

        owners.Problems.ShouldHaveSingleItem().ShouldContain("larger than 3 MB");
        owners.OwnersOf("a.py").ShouldBeEmpty();
    }

    [Test]
    public void Repository_CODEOWNERS_routes_migrations_and_approvals_to_the_db_team()
    {
        var owners = CodeOwners.Find(RepoPaths.Root).ShouldNotBeNull();

        owners.Path.ShouldBe(".github/CODEOWNERS");
        owners.Problems.ShouldBeEmpty();
        owners.OwnersOf("examples/lifeos-finance/versions/x.py").ShouldBe(["@lifeos/db-team"]);
        owners.OwnersOf("examples/lifeos-finance/guard-approvals.json").ShouldBe(["@lifeos/db-team"]);
        owners.OwnersOf(".github/workflows/x.yml").ShouldBe(["@lifeos/platform"]);
    }
}
