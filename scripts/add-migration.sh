#!/usr/bin/env bash
# Adds a migration with one name to a module's DbContext, for all three providers.
#   bash scripts/add-migration.sh Catalog AddBarcodeIndex
#   bash scripts/add-migration.sh Tenants AddPlan Registry Registry/Migrations     (a module with several contexts)
# The context classes are <Provider><ContextBase>DbContext (ContextBase defaults to the module name) and the
# migrations go to <Folder>/<Provider> (Folder defaults to Persistence/Migrations).
# Needs the dotnet-ef tool: dotnet tool install --global dotnet-ef --version 10.0.15
set -euo pipefail
module="$1"; name="$2"; base="${3:-$1}"; folder="${4:-Persistence/Migrations}"
root="$(cd "$(dirname "$0")/.." && pwd)"
project="$root/src/Modules/$module/$module"
export PATH="$PATH:$HOME/.dotnet/tools"
dotnet build "$project" -v q -nologo >/dev/null
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add "$name" --no-build \
    --project "$project" --startup-project "$project" \
    --context "${provider}${base}DbContext" \
    --output-dir "$folder/$provider"
done
# dotnet-ef writes migrations as public classes; modules keep everything but their entry internal.
sed -i -E 's/^(\s*)public partial class /\1internal partial class /' "$project/$folder"/*/*_"$name".cs
