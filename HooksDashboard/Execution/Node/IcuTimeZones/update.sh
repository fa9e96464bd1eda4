#!/bin/sh
# Refreshes ICU's time zone data files (zoneinfo64, metaZones, timezoneTypes, windowsZones), which Icu.cs points the
# system's ICU at so that Intl's offsets follow the current tz database rather than the one the libicu package was
# built with (Debian 12's ICU 72 carries tz 2022e: Mexico's 2022 end of DST, Egypt's 2023 DST, Paraguay and Kazakhstan
# 2024 and newer zones were missing). The files come from the ICU data that V8 ships in the NuGet package
# Microsoft.ClearScript.V8.ICUData (ICU's common data file, icudt<N>l.dat, as an embedded resource); `icupkg`
# (Debian's icu-devtools) takes the four items out. The resource format of these files is the one every ICU since 4.4
# reads. Usage: update.sh <package version>, e.g. update.sh 7.5.1.1; then run the Intl tests and commit the files.
set -eu
version="${1:?usage: update.sh <Microsoft.ClearScript.V8.ICUData version>}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > probe.csproj <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType><ImplicitUsings>enable</ImplicitUsings><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageReference Include="Microsoft.ClearScript.V8.ICUData" Version="$version" /></ItemGroup>
</Project>
PROJ
cat > Program.cs <<'CS'
var dll = Directory.GetFiles(args[0], "ClearScript.V8.ICUData.dll", SearchOption.AllDirectories)[0];
var assembly = System.Reflection.Assembly.LoadFrom(dll);
using var data = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith(".dat")))!;
using var file = File.Create(args[1]);
data.CopyTo(file);
CS
dotnet run -- "$HOME/.nuget/packages/microsoft.clearscript.v8.icudata/$version" "$work/icudata.dat" >/dev/null
# icupkg wants the file named as the data's own package (icudt77l): its items' names start with it.
name="$(strings "$work/icudata.dat" | grep -m1 -oE '^icudt[0-9]+[lb]/' | tr -d /)"
mv "$work/icudata.dat" "$work/$name.dat"
for item in zoneinfo64 metaZones timezoneTypes windowsZones; do
  # icupkg exits non-zero over unrelated items' missing dependencies (V8 trims the data): check the file instead.
  icupkg -x "$item.res" -d "$here" "$work/$name.dat" 2>/dev/null || true
  test -s "$here/$item.res"
done
echo "extracted from $name (tz $(strings -el "$here/zoneinfo64.res" | grep -m1 -E '^20[0-9]{2}[a-z]$'))"
