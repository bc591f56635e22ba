"""Scan the files tracked by git (and .env.ci, tracked or not) for committed secrets.

Simple, high-confidence patterns: private keys, AWS access keys, GitHub and Slack tokens, Google
API keys, passwords inside URLs, and any *PASSWORD / *SECRET / *TOKEN / *_KEY setting with a value
in .env.ci. Passwords in URLs are allowed only for the documented local test databases (loopback
hosts or the CI service container, with the throwaway passwords below). A line that contains
"secret-scan: allow" is skipped: use it only for a documented, reviewed exception.

Usage: secret_scan.py [--root DIR]     exit 0 clean, 1 findings, 2 usage error
"""

import argparse
import os
import re
import subprocess
import sys

PATTERNS = [
    (
        "private key",
        re.compile(r"-----BEGIN ((RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----"),
    ),
    ("AWS access key id", re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
    (
        "AWS secret access key",
        re.compile(r"(?i)aws_secret_access_key\s*[=:]\s*['\"]?[A-Za-z0-9/+=]{40}\b"),
    ),
    ("GitHub token", re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b")),
    ("Slack token", re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}\b")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
]

# scheme://user:password@host
URL_PASSWORD = re.compile(
    r"\b[a-z][a-z0-9+.\-]*://"
    r"(?P<user>[^\s:/@'\"`]+):(?P<password>[^\s@/'\"`]+)"
    r"@(?P<host>\[[^\]]+\]|[^\s:/?'\"`]+)"
)
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "postgres", "db"}
THROWAWAY_PASSWORDS = {"postgres", "lifeos", "password", "test", "ci"}
# Documentation placeholders, never real passwords: $VAR, ${VAR}, <...>, ***, xxx, %(name)s, {name},
# and the word "password" itself (postgresql://user:password@host/db).
PLACEHOLDER = re.compile(
    r"^(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|<[^>]*>|\*+|x+|X+|\.\.\.|%\(.*\)s|\{[^}]*\}"
    r"|(?i:password|pass|pwd))$"
)

ENV_SECRET_KEY = re.compile(
    r"^\s*(export\s+)?([A-Za-z0-9_]*(PASSWORD|SECRET|TOKEN|_KEY|APIKEY)[A-Za-z0-9_]*)\s*=\s*(.*)$"
)

ALLOW_MARKER = "secret-scan: allow"
MAX_BYTES = 2_000_000


def tracked_files(root):
    try:
        out = subprocess.run(
            ["git", "-C", root, "ls-files", "-z"], check=True, capture_output=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"secret_scan: cannot list tracked files in {root}: {exc}", file=sys.stderr)
        sys.exit(2)
    files = [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]
    if os.path.isfile(os.path.join(root, ".env.ci")) and ".env.ci" not in files:
        files.append(".env.ci")
    return files


def read_text(path):
    try:
        if os.path.getsize(path) > MAX_BYTES:
            return None
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", "replace")


def url_finding(match):
    password = match.group("password")
    host = match.group("host").lower()
    if PLACEHOLDER.match(password):
        return None
    if host in LOCAL_HOSTS and password in THROWAWAY_PASSWORDS:
        return None
    return f"password in URL for host {host}"


def scan_file(rel, text):
    findings = []
    is_env_ci = os.path.basename(rel) == ".env.ci"
    for lineno, line in enumerate(text.splitlines(), 1):
        if ALLOW_MARKER in line:
            continue
        for name, pattern in PATTERNS:
            if pattern.search(line):
                findings.append((rel, lineno, name))
        for match in URL_PASSWORD.finditer(line):
            what = url_finding(match)
            if what:
                findings.append((rel, lineno, what))
        if is_env_ci and not line.lstrip().startswith("#"):
            env = ENV_SECRET_KEY.match(line)
            if env and env.group(4).strip() not in ("", '""', "''"):
                findings.append((rel, lineno, f"secret-like setting {env.group(2)} has a value"))
    return findings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".")
    args = parser.parse_args()
    files = tracked_files(args.root)
    findings = []
    scanned = 0
    for rel in files:
        text = read_text(os.path.join(args.root, rel))
        if text is None:
            continue
        scanned += 1
        findings.extend(scan_file(rel, text))
    for rel, lineno, what in findings:
        # Never print the secret itself.
        print(f"{rel}:{lineno}: possible secret: {what}")
    if findings:
        print(f"secret scan: {len(findings)} finding(s) in {scanned} files", file=sys.stderr)
        return 1
    print(f"secret scan: no secret found in {scanned} tracked files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
