using System.Globalization;
using System.Text;
using Npgsql;

namespace LifeOs.Ci.Harness.Internal;

/// <summary>
/// Translates between libpq connection URIs (what Alembic, SQLAlchemy, psql and <c>DATABASE_URL</c> use) and
/// Npgsql connection strings. Grammar: https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS
/// </summary>
internal static class DatabaseUrl
{
    private static readonly string[] s_schemes = ["postgresql://", "postgres://"];

    /// <summary>Whether <paramref name="value"/> looks like a URI (any <c>postgres</c>/<c>postgresql</c> scheme, with or without a <c>+driver</c>).</summary>
    public static bool IsUri(string value) =>
        value.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) && value.Contains("://", StringComparison.Ordinal);

    /// <summary>Either form in, Npgsql connection string out.</summary>
    /// <exception cref="FormatException">The URI is malformed or uses a parameter Npgsql has no equivalent for.</exception>
    public static string ToConnectionString(string urlOrConnectionString)
    {
        ArgumentNullException.ThrowIfNull(urlOrConnectionString);
        return IsUri(urlOrConnectionString)
            ? ParseUri(urlOrConnectionString).ConnectionString
            : new NpgsqlConnectionStringBuilder(urlOrConnectionString).ConnectionString;
    }

    /// <summary>Either form in, libpq URI with the <c>postgresql://</c> scheme out (SQLAlchemy 1.4+ rejects <c>postgres://</c>).</summary>
    public static string ToUri(string urlOrConnectionString)
    {
        ArgumentNullException.ThrowIfNull(urlOrConnectionString);
        var builder = IsUri(urlOrConnectionString)
            ? ParseUri(urlOrConnectionString)
            : new NpgsqlConnectionStringBuilder(urlOrConnectionString);
        return FormatUri(builder);
    }

    /// <summary>
    /// Escapes <c>%</c> as <c>%%</c>, for values handed to Python's configparser (Alembic's
    /// <c>config.set_main_option</c>), which otherwise reads <c>%40</c> in a password as an interpolation.
    /// </summary>
    public static string EscapeForConfigParser(string url) => url.Replace("%", "%%", StringComparison.Ordinal);

    /// <summary>The same URL with the password replaced by <c>***</c>, for messages.</summary>
    public static string Redact(string urlOrConnectionString)
    {
        try
        {
            var builder = IsUri(urlOrConnectionString)
                ? ParseUri(urlOrConnectionString)
                : new NpgsqlConnectionStringBuilder(urlOrConnectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return FormatUri(builder);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return "<unparsable database URL>";
        }
    }

    /// <summary>Copy of a connection string pointing at another database.</summary>
    public static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    internal static NpgsqlConnectionStringBuilder ParseUri(string uri)
    {
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        var scheme = uri[..schemeEnd];
        var plus = scheme.IndexOf('+', StringComparison.Ordinal);
        var baseScheme = plus < 0 ? scheme : scheme[..plus];
        if (!baseScheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase) && !baseScheme.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"Unsupported scheme '{scheme}': expected postgresql:// or postgres://.");
        }

        var rest = uri[(schemeEnd + 3)..];
        string? query = null;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        string? path = null;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            path = rest[(slash + 1)..];
            rest = rest[..slash];
        }

        var builder = new NpgsqlConnectionStringBuilder();
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Decode(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Decode(userInfo[(colon + 1)..]);
            }
        }

        if (rest.Length > 0)
        {
            string host;
            string? port = null;
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new FormatException("Unterminated IPv6 address in the database URL.");
                }

                host = rest[1..close];
                if (close + 1 < rest.Length && rest[close + 1] == ':')
                {
                    port = rest[(close + 2)..];
                }
            }
            else
            {
                var colon = rest.LastIndexOf(':');
                host = colon < 0 ? rest : rest[..colon];
                port = colon < 0 ? null : rest[(colon + 1)..];
            }

            if (host.Contains(',', StringComparison.Ordinal))
            {
                throw new FormatException("Several hosts in one database URL are not supported.");
            }

            if (host.Length > 0)
            {
                builder.Host = Decode(host);
            }

            if (!string.IsNullOrEmpty(port))
            {
                builder.Port = ParsePort(port);
            }
        }

        if (!string.IsNullOrEmpty(path))
        {
            builder.Database = Decode(path);
        }

        if (query is not null)
        {
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Decode(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
                ApplyParameter(builder, key, value);
            }
        }

        builder.Host ??= "localhost";
        return builder;
    }

    private static void ApplyParameter(NpgsqlConnectionStringBuilder builder, string key, string value)
    {
        switch (key)
        {
            case "host":
                builder.Host = value;
                break;
            case "port":
                builder.Port = ParsePort(value);
                break;
            case "user":
                builder.Username = value;
                break;
            case "password":
                builder.Password = value;
                break;
            case "dbname":
                builder.Database = value;
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "connect_timeout":
                builder.Timeout = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            case "options":
                builder.Options = value;
                break;
            case "sslmode":
                builder.SslMode = value switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw new FormatException($"Unknown sslmode '{value}'."),
                };
                break;
            default:
                throw new FormatException($"The database URL parameter '{key}' has no Npgsql equivalent here.");
        }
    }

    private static string FormatUri(NpgsqlConnectionStringBuilder builder)
    {
        var sb = new StringBuilder("postgresql://");
        if (!string.IsNullOrEmpty(builder.Username))
        {
            sb.Append(Encode(builder.Username));
            if (!string.IsNullOrEmpty(builder.Password))
            {
                sb.Append(':').Append(builder.Password == "***" ? "***" : Encode(builder.Password));
            }

            sb.Append('@');
        }

        var host = builder.Host ?? "localhost";
        var socketHost = host.StartsWith('/');
        if (!socketHost)
        {
            sb.Append(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host);
            sb.Append(':').Append(builder.Port.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append('/');
        if (!string.IsNullOrEmpty(builder.Database))
        {
            sb.Append(Encode(builder.Database));
        }

        var parameters = new List<string>();
        if (socketHost)
        {
            parameters.Add("host=" + Encode(host));
            parameters.Add("port=" + builder.Port.ToString(CultureInfo.InvariantCulture));
        }

        if (builder.SslMode is not SslMode.Prefer)
        {
            parameters.Add("sslmode=" + builder.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            });
        }

        if (!string.IsNullOrEmpty(builder.ApplicationName))
        {
            parameters.Add("application_name=" + Encode(builder.ApplicationName));
        }

        if (parameters.Count > 0)
        {
            sb.Append('?').Append(string.Join('&', parameters));
        }

        return sb.ToString();
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new FormatException($"Invalid port '{value}' in the database URL.");

    private static string Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException e)
        {
            throw new FormatException($"Bad percent-encoding in the database URL: {e.Message}", e);
        }
    }

    private static string Encode(string value) => Uri.EscapeDataString(value);
}
