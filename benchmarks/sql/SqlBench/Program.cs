#pragma warning disable RS0030 // A benchmark is a program: it prints its measurements.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Sql;
using LifeOs.Migrations.Guard.Text;

// Usage: SqlBench [iterations]   (prints a Markdown table: case, input size, operations, median time)
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var site = new OperationSite(new TextSpan(0, 0), 1, OperationSource.Sql, Scope.Upgrade, false, 0, null);

#if WITHOUT_SQL
Console.WriteLine($"baseline without the SQL reader ({site.Line}, {iterations})");
#else
var wideTable = "CREATE TABLE wide (" + string.Join(", ", Enumerable.Range(0, 200).Select(i => $"c{i} numeric(12,2) NOT NULL DEFAULT 0")) + ")";
var bigInsert = "INSERT INTO t (a, b) VALUES " + string.Join(", ", Enumerable.Repeat("(1, 'xxxxxxxxxxxxxxxx')", 1024 * 1024 / 22));
var migration = string.Join(";\n", Enumerable.Repeat(
    "ALTER TABLE accounts ADD COLUMN note text; CREATE INDEX CONCURRENTLY ix ON accounts (note); UPDATE accounts SET note = 'x' WHERE id IN (SELECT id FROM tx)",
    30));
var random = new Random(42);
var garbage = Encoding.Latin1.GetString([.. Enumerable.Range(0, 64 * 1024).Select(_ => (byte)random.Next(1, 256))]);

var cases = new (string Name, string Sql, int Iterations)[]
{
    ("small: ALTER TABLE ADD COLUMN", "ALTER TABLE accounts ADD COLUMN note text", iterations * 10),
    ("small: CREATE INDEX CONCURRENTLY", "CREATE INDEX CONCURRENTLY ix ON accounts (lower(email))", iterations * 10),
    ("medium: 90 statements", migration, iterations),
    ("large: CREATE TABLE, 200 columns", wideTable, iterations),
    ("1 MB INSERT … VALUES", bigInsert, 5),
    ("hostile: unterminated quote, 1 MB", "SELECT '" + new string('x', 1024 * 1024), 5),
    ("hostile: 10k nested parentheses", "SELECT " + new string('(', 10_000) + "1" + new string(')', 10_000), 5),
    ("hostile: 1+1+…, 1 MB", "SELECT " + string.Join("+", Enumerable.Repeat("1", 512 * 1024)), 3),
    ("hostile: 1+1+…, 4 MiB", "SELECT " + string.Join("+", Enumerable.Repeat("1", (SqlOperationReader.MaxInputBytes - 16) / 2)), 3),
    ("hostile: 64 KB binary", garbage, 20),
    ("hostile: NUL", "DROP TABLE a;\0", iterations),
};

Console.WriteLine("| case | input | statements → operations | median per call | per statement |");
Console.WriteLine("|---|---:|---|---:|---:|");
foreach (var (name, sql, count) in cases)
{
    var operations = SqlOperationReader.Read(sql, site); // warm-up, and the result shown
    var times = new double[count];
    for (var i = 0; i < count; i++)
    {
        var watch = Stopwatch.StartNew();
        SqlOperationReader.Read(sql, site);
        times[i] = watch.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    var median = times[count / 2];
    var statements = operations.Select(o => o.Site.Statement).Distinct().Count();
    var kinds = string.Join(", ", operations.GroupBy(o => o.Kind).Select(g => g.Count() > 1 ? $"{g.Count()}× {g.Key}" : g.Key));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Encoding.UTF8.GetByteCount(sql):N0} B | {statements} → {kinds} | {median:0.000} ms | {median / Math.Max(1, statements):0.000} ms |"));
}
#endif
