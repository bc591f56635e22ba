#!/usr/bin/env bash
# Builds a PostgreSQL 15 image from Debian packages, with no container registry to pull from:
# a minimal Debian root file system (debootstrap --variant=minbase from the machine's Debian
# mirror) with postgresql-15, an entrypoint that behaves like the official image where
# Testcontainers.PostgreSql relies on it (POSTGRES_USER/PASSWORD/DB, initdb on first start, TCP only
# once initialised, pg_isready on PATH), imported with `docker import`, STOPSIGNAL added by a
# one-line Dockerfile (docker import rejects it), then pushed to a registry on 127.0.0.1:5000
# (Debian's docker-registry, started when none answers) so the image has a real digest. Reuses the
# image when one built by this same script is present. Prints the pinned reference
# (127.0.0.1:5000/lifeos/postgres@sha256:…) on the last line; logs time and size.
#
# Usage: scripts/ci/build_postgres_image.sh [--force]   (root; needs docker, debootstrap)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

force=false
case "${1:-}" in
  "") ;;
  --force) force=true ;;
  -h | --help) ci_usage; exit 0 ;;
  *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
esac
[[ "$(id -u)" -eq 0 ]] || ci_die "$CI_EXIT_USAGE" "run as root (debootstrap and docker import need it)"
ci_require docker "apt-get install docker.io"
ci_require debootstrap "apt-get install debootstrap"
docker info >/dev/null 2>&1 || ci_die "$CI_EXIT_UNAVAILABLE" "no Docker engine answers (start dockerd)"

registry="127.0.0.1:5000"
repository="$registry/lifeos/postgres"
# The image depends on this script and the entrypoint only: their hash is its tag.
recipe="$(cat scripts/ci/build_postgres_image.sh scripts/docker/postgres-entrypoint.sh | sha256sum | cut -c1-16)"
tag="$repository:15-$recipe"

ensure_registry() {
  if curl -fsS "http://$registry/v2/" >/dev/null 2>&1; then
    return 0
  fi
  command -v docker-registry >/dev/null || ci_die "$CI_EXIT_MISSING_TOOL" "docker-registry is missing (apt-get install docker-registry)"
  mkdir -p /var/lib/lifeos-registry
  cat >/var/lib/lifeos-registry/config.yml <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: /var/lib/lifeos-registry/data
http:
  addr: $registry
YAML
  nohup docker-registry serve /var/lib/lifeos-registry/config.yml >/var/lib/lifeos-registry/registry.log 2>&1 &
  echo $! >/var/lib/lifeos-registry/registry.pid
  for _ in $(seq 1 50); do
    curl -fsS "http://$registry/v2/" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  ci_die "$CI_EXIT_FAILED" "the registry on $registry did not start (see /var/lib/lifeos-registry/registry.log)"
}

ensure_registry
if [[ "$force" == false ]] && digest="$(docker image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$tag" 2>/dev/null | grep -m1 "^$repository@")"; then
  ci_info "reusing $tag (built by this recipe); $(docker image inspect --format '{{.Size}}' "$tag" | numfmt --to=iec) "
  printf '%s\n' "$digest"
  exit 0
fi

started=$SECONDS
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)"
mirror="${mirror:-http://deb.debian.org/debian}"
ci_info "debootstrap bookworm (minbase + postgresql-15) from $mirror"
debootstrap --variant=minbase --include=postgresql-15,util-linux bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -n 20 "$work/debootstrap.log"; ci_die "$CI_EXIT_FAILED" "debootstrap failed"; }
install -m 0755 scripts/docker/postgres-entrypoint.sh "$work/rootfs/usr/local/bin/docker-entrypoint.sh"
for bin in postgres initdb pg_ctl pg_isready psql; do
  ln -sf "/usr/lib/postgresql/15/bin/$bin" "$work/rootfs/usr/local/bin/$bin"
done
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*

tar -C "$work/rootfs" -c . | docker import \
  --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin PGDATA=/var/lib/postgresql/data LANG=C.UTF-8' \
  --change 'EXPOSE 5432' \
  - "$repository:imported" >/dev/null
printf 'FROM %s\nSTOPSIGNAL SIGINT\n' "$repository:imported" | docker build -q -t "$tag" - >/dev/null
docker push -q "$tag" >/dev/null
digest="$(docker image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$tag" | grep -m1 "^$repository@")"
ci_info "built $tag in $((SECONDS - started)) s, $(docker image inspect --format '{{.Size}}' "$tag" | numfmt --to=iec)"
printf '%s\n' "$digest"
