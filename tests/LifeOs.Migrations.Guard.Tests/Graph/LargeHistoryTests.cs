using System.Text;
using System.Text.Json;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Graph;

/// <summary>
/// The nightly suite (`make test-ml`, Category "slow"): a large generated history checked against
/// real Alembic, and a corpus of mutated revision files that must never make the guard throw.
/// </summary>
[Category("slow")]
internal sealed class LargeHistoryTests
{
    [Test]
    public void Generated_history_of_3000_revisions_has_alembics_head_and_base()
    {
        RequireAlembic.OrIgnore();
        using var tree = new TempTree();
        var generator = Path.Combine(RepoPaths.Root, "benchmarks", "guard", "generate_history.py");
        var (code, _, error) = RequireAlembic.Run([generator, "--count", "3000", "--out", tree.Root, "--seed", "7", "--force", "--quiet"]);
        code.ShouldBe(0, error);
        var manifest = JsonDocument.Parse(File.ReadAllText(tree.PathOf("manifest.json"))).RootElement;

        var result = GuardEngine.Check(new GuardRequest { ConfigPath = "alembic.ini", WorkingDirectory = tree.Root });

        result.Errors.ShouldBeEmpty();
        result.Graph.Revisions.Length.ShouldBe(3000);
        result.Graph.Heads.ShouldBe(manifest.GetProperty("heads").EnumerateArray().Select(e => e.GetString()!).ToArray());
        result.Graph.Bases.ShouldBe(manifest.GetProperty("bases").EnumerateArray().Select(e => e.GetString()!).ToArray());
        result.Diagnostics.ShouldNotContain(d => d.Code == "MG000" || d.Scope == LifeOs.Migrations.Guard.Diagnostics.Scope.Graph);

        var heads = RequireAlembic.Run(["-m", "alembic", "-c", tree.PathOf("alembic.ini"), "heads"], tree.Root);
        heads.Code.ShouldBe(0, heads.Error);
        heads.Out.ShouldStartWith(result.Graph.Heads[0]);
    }

    [Test]
    public void Mutated_revision_files_never_make_the_guard_throw()
    {
        using var tree = new TempTree();
        var sources = Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples", "lifeos-finance", "versions"), "*.py")
            .Concat(Directory.GetFiles(RepoPaths.Fixtures, "*.py", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var random = new Random(20261123);
        const string Alphabet = "()[]{}'\"\\#:=,.\n\r\t abcop_0123456789fFrRbB\u00e9\u20ac";
        for (var i = 0; i < 1500; i++)
        {
            var text = new StringBuilder(sources[random.Next(sources.Count)]);
            for (var edits = random.Next(1, 12); edits > 0 && text.Length > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(4))
                {
                    case 0:
                        text.Remove(at, Math.Min(random.Next(1, 40), text.Length - at));
                        break;
                    case 1:
                        text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    case 2:
                        var from = random.Next(text.Length);
                        text.Insert(at, text.ToString(from, Math.Min(30, text.Length - from)));
                        break;
                    default:
                        text.Length = at;
                        break;
                }
            }

            tree.Write($"versions/m{i:D4}.py", text.ToString());
        }

        var result = Should.NotThrow(() => GuardEngine.Check(new GuardRequest { VersionDirectories = ["versions"], WorkingDirectory = tree.Root }));

        result.Errors.ShouldBeEmpty();
        result.Diagnostics.ShouldAllBe(d => d.Line >= 1 && d.Column >= 1 && d.EndLine >= d.Line);
        foreach (var format in Enum.GetValues<LifeOs.Migrations.Guard.Reporting.ReportFormat>())
        {
            Should.NotThrow(() => LifeOs.Migrations.Guard.Reporting.ReportWriters.For(format).Render(result));
        }
    }
}
