# syntax=docker/dockerfile:1
# The two commands of the LifeOS migration-safety toolkit in one image:
#   docker run --rm -v "$PWD:/work" -w /work lifeos/migration-toolkit check --config alembic.ini
#   docker run --rm --entrypoint ci-harness -e DATABASE_URL ... lifeos/migration-toolkit upgrade ...
# Built by `make build-image` (scripts/ci/build_image.sh). The runtime stage carries Debian/Ubuntu's
# Alembic and psycopg2 so that `ci-harness upgrade` can apply migrations to an external database;
# it has no PostgreSQL server, so `ci-harness serve`/`verify` without --database-url do not work here.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
ENV DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY docs/rules/ docs/rules/
COPY src/ src/
RUN dotnet publish src/LifeOs.Migrations.Guard -c Release -o /out --nologo \
 && dotnet publish src/LifeOs.Ci.Harness -c Release -o /out --nologo

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble
# libpg-query-dev brings libpg_query.so, PostgreSQL's parser, which this framework-dependent build of
# migration-guard loads to read SQL (the AOT build of `make build` links it in statically instead).
# The -dev package is named the same on every release, unlike the runtime one (libpg-query1504.0…);
# without it the guard still runs and reports each SQL statement as unknown.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3-alembic python3-psycopg2 libpg-query-dev \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out /opt/lifeos
RUN ln -s /opt/lifeos/migration-guard /usr/local/bin/migration-guard \
 && ln -s /opt/lifeos/ci-harness /usr/local/bin/ci-harness
ENV PYTHON=/usr/bin/python3
# The non-root user of the .NET images.
USER app
ENTRYPOINT ["migration-guard"]
CMD ["--help"]
