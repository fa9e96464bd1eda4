# syntax=docker/dockerfile:1
# HooksDashboard: build with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build -t hooksdashboard .
#   docker run -p 8080:8080 -v hooksdashboard-data:/data -e Issuer=https://auth.example.com/ hooksdashboard
# deploy/check-published-app.sh runs this file's publish command and starts the result the way this image does.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so a code change does not invalidate the package layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY HooksDashboard/HooksDashboard.csproj HooksDashboard/
RUN dotnet restore HooksDashboard/HooksDashboard.csproj
COPY HooksDashboard/ HooksDashboard/
RUN dotnet publish HooksDashboard/HooksDashboard.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY deploy/healthcheck.sh /usr/local/bin/hooksdashboard-healthcheck
# The data folder holds the SQLite database, the Data Protection key ring, the token signing key and the npm package
# cache: a volume, owned by the image's non-root "app" user ($APP_UID, 1654 in Microsoft's images).
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data && chmod 700 /data
VOLUME /data

# Configuration is environment variables: any key of README's Configuration section, ':' written as '__'
# (e.g. ReverseProxy__KnownNetworks__0=10.0.0.0/8). Issuer should be the public URL the clients use.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DataDirectory=/data \
    HEALTHCHECK_PORT=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080

USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["hooksdashboard-healthcheck"]
ENTRYPOINT ["dotnet", "HooksDashboard.dll"]
