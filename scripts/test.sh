#!/usr/bin/env bash
# The one test command:  bash scripts/test.sh [--filter EXPR] [-- EXTRA_DOTNET_TEST_ARGS...]
#
# On a fresh Debian 12 machine (as root): installs PostgreSQL/RabbitMQ and Chromium if missing,
# builds the solution once (Release; Host's build also runs npm ci and the Vite build of src/Web),
# starts one throwaway PostgreSQL cluster and one RabbitMQ node (scripts/services.sh), runs every test project one after another against them, stops
# everything (also on failure or Ctrl-C) and prints, as the very last line,
#   N passed, N failed, N skipped
# counted from the TRX files in TestResults/. Exits non-zero when the build fails, a test fails,
# a test project crashes (no TRX / non-zero exit without failed tests) or no test ran.
#
# Environment knobs: INVENTORY_TEST_VERBOSITY (console logger, default normal),
# INVENTORY_TEST_HANG_TIMEOUT (per-test hang guard, default 15m).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/services.sh
source "$REPO_ROOT/scripts/services.sh"

RESULTS_DIR="$REPO_ROOT/TestResults"
BUILD_LOG="$RESULTS_DIR/build.log"

phase() { printf '\n[%s] ==== %s\n' "$(date '+%H:%M:%S')" "$*"; }
die() { svc_err "$*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# TRX counting
# ---------------------------------------------------------------------------------------------
# _trx_attr ELEMENT_TEXT NAME: value of a numeric attribute, 0 when absent.
_trx_attr() { local v; v=$(sed -n "s/.*[[:space:]]$2=\"\([0-9]*\)\".*/\1/p" <<<"$1"); echo "${v:-0}"; }

# trx_counts FILE: prints "passed failed skipped" for one TRX file.
# Counts the outcome= attributes of the <UnitTestResult> elements (skipped = NotExecuted; failed
# includes Error/Timeout/Aborted). VSTest's <Counters> is only the fallback (for a TRX without
# results): it leaves skipped xunit tests out of notExecuted (total=6 executed=5 notExecuted=0).
trx_counts() {
    local text counters outcome p=0 f=0 s=0 n=0
    text=$(tr '\r\n' '  ' <"$1")
    while read -r outcome; do
        n=$((n + 1))
        case $outcome in
            Passed | PassedButRunAborted) p=$((p + 1)) ;;
            NotExecuted | Inconclusive | NotRunnable | Pending) s=$((s + 1)) ;;
            *) f=$((f + 1)) ;; # Failed, Error, Timeout, Aborted, Disconnected, ...
        esac
    done < <(grep -o '<UnitTestResult[[:space:]][^>]*>' <<<"$text" | sed -n 's/.*[[:space:]]outcome="\([A-Za-z]*\)".*/\1/p')
    if ((n == 0)); then
        counters=$(grep -o '<Counters[[:space:]][^>]*>' <<<"$text" | head -n1 || true)
        if [[ -n $counters ]]; then
            p=$(_trx_attr "$counters" passed)
            f=$(($(_trx_attr "$counters" failed) + $(_trx_attr "$counters" error) + $(_trx_attr "$counters" timeout) + $(_trx_attr "$counters" aborted)))
            s=$(($(_trx_attr "$counters" total) - $(_trx_attr "$counters" executed)))
            ((s < $(_trx_attr "$counters" notExecuted))) && s=$(_trx_attr "$counters" notExecuted)
        fi
    fi
    echo "$p $f $s"
}

# trx_summary FILE...: prints "N passed, N failed, N skipped" over all the files.
trx_summary() {
    local p=0 f=0 s=0 a b c file
    for file in "$@"; do
        [[ -f $file ]] || continue
        read -r a b c < <(trx_counts "$file")
        p=$((p + a)) f=$((f + b)) s=$((s + c))
    done
    echo "$p passed, $f failed, $s skipped"
}

# ---------------------------------------------------------------------------------------------
# discovery
# ---------------------------------------------------------------------------------------------
find_solution() {
    local f
    for f in Inventory.sln Inventory.slnx; do [[ -f $REPO_ROOT/$f ]] && { echo "$f"; return 0; }; done
    f=$(cd "$REPO_ROOT" && ls -1 ./*.sln ./*.slnx 2>/dev/null | head -n1 || true)
    [[ -n $f ]] && { echo "${f#./}"; return 0; }
    return 1
}

# Every csproj under tests/ that is a test project: it references Microsoft.NET.Test.Sdk or says
# <IsTestProject>true; when the reference comes from a Directory.Build.* file instead, MSBuild is
# asked. Helper libraries (TestKit) are left out; <IsTestProject>false wins.
find_test_projects() {
    local proj sdk_in_props=0
    [[ -d $REPO_ROOT/tests ]] || return 0
    if grep -rlsq --include='Directory.Build.props' --include='Directory.Build.targets' \
        -e 'Microsoft.NET.Test.Sdk' -e '<IsTestProject>true' "$REPO_ROOT/tests" "$REPO_ROOT"/Directory.Build.* 2>/dev/null; then
        sdk_in_props=1
    fi
    while IFS= read -r proj; do
        if grep -qi '<IsTestProject>[[:space:]]*false' "$proj"; then continue; fi
        if grep -q -e 'Microsoft.NET.Test.Sdk' -e '<IsTestProject>[[:space:]]*true' "$proj"; then
            echo "$proj"
        elif ((sdk_in_props)) &&
            [[ $(dotnet msbuild "$proj" -nologo -getProperty:IsTestProject -p:Configuration=Release 2>/dev/null | tr -d '[:space:]') == true ]]; then
            echo "$proj"
        fi
    done < <(find "$REPO_ROOT/tests" \( -name bin -o -name obj -o -name node_modules \) -prune -o -name '*.csproj' -print | LC_ALL=C sort)
}

# final_summary: the TRX counts, with each crashed test project counted as one failure (its tests
# are unknown, and "0 failed" would read as green).
final_summary() {
    local p f s files
    shopt -s nullglob
    files=("$RESULTS_DIR"/*.trx)
    shopt -u nullglob
    read -r p _ f _ s _ < <(trx_summary ${files[@]+"${files[@]}"})
    f=$((f + ${#CRASHED_PROJECTS[@]}))
    echo "$p passed, $f failed, $s skipped"
}

# ---------------------------------------------------------------------------------------------
# exit: stop services first, then the summary as the very last line
# ---------------------------------------------------------------------------------------------
# run_child CMD...: runs CMD in the background and waits for it, so that INT/TERM run the traps at
# once (bash defers traps until a foreground command ends); on_exit ends its process tree.
CHILD_PID=
run_child() {
    local rc=0
    "$@" &
    CHILD_PID=$!
    wait "$CHILD_PID" || rc=$?
    CHILD_PID=
    return $rc
}

# _descendants PID: all descendants of PID, from /proc (no procps needed).
_descendants() {
    local root=$1 f line pid ppid queue=() out=()
    local -A kids=()
    for f in /proc/[0-9]*/stat; do
        read -r line <"$f" 2>/dev/null || continue
        pid=${f#/proc/}; pid=${pid%/stat}
        line=${line##*) }            # after "(comm) ": state ppid ...
        ppid=${line#* }; ppid=${ppid%% *}
        kids[$ppid]+=" $pid"
    done
    queue=("$root")
    while ((${#queue[@]})); do
        pid=${queue[0]}; queue=("${queue[@]:1}")
        for f in ${kids[$pid]:-}; do out+=("$f"); queue+=("$f"); done
    done
    echo "${out[@]:-}"
}

# _kill_tree PID: SIGTERM to PID and its descendants (dotnet test -> testhost), SIGKILL after 15 s.
_kill_tree() {
    local pids=("$1") p
    # shellcheck disable=SC2207
    pids+=($(_descendants "$1"))
    kill -TERM "${pids[@]}" 2>/dev/null
    for p in "${pids[@]}"; do _svc_wait_until 15 _svc_dead "$p" || kill -KILL "$p" 2>/dev/null; done
}

TESTS_STARTED=0
CLEANED_UP=0
CRASHED_PROJECTS=() # test projects that did not run properly: no TRX, non-zero exit without a failed test, not in the solution
on_exit() {
    local rc=$?
    set +e
    trap - EXIT INT TERM HUP
    if [[ -n $CHILD_PID ]] && _svc_alive "$CHILD_PID"; then
        svc_err "interrupted: stopping pid $CHILD_PID and its children"
        _kill_tree "$CHILD_PID"
    fi
    if ((CLEANED_UP == 0)); then
        CLEANED_UP=1
        if [[ -n ${SVC_RUN_DIR:-} ]]; then
            phase "stopping services"
            SVC_KEEP_LOGS_DIR="$RESULTS_DIR/service-logs" stop_services || rc=1
        fi
    fi
    if ((TESTS_STARTED)); then
        final_summary
    fi
    exit "$rc"
}

# ---------------------------------------------------------------------------------------------
main() {
    local filter=() extra=() verbosity=${INVENTORY_TEST_VERBOSITY:-normal}
    while (($#)); do
        case $1 in
            --filter) (($# >= 2)) || die "--filter needs an expression"; filter=(--filter "$2"); shift 2 ;;
            --filter=*) filter=(--filter "${1#--filter=}"); shift ;;
            --) shift; extra=("$@"); break ;;
            -h | --help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; return 0 ;;
            *) die "unknown argument '$1' (use --filter EXPR, or -- ARGS for dotnet test)" ;;
        esac
    done

    cd "$REPO_ROOT"
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1
    trap on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP
    local t_start=$SECONDS

    phase "prerequisites"
    [[ $(id -u) == 0 ]] || die "run as root (services run as the postgres/rabbitmq users; packages may need installing)"
    ensure_service_packages || die "could not install postgresql/rabbitmq-server"
    ensure_node || die "node/npm missing"
    command -v dotnet >/dev/null 2>&1 || die "dotnet is not on PATH"
    ensure_chromium || die "could not install chromium (the browser tests in tests/Web.Tests drive it)"

    rm -rf "$RESULTS_DIR"
    mkdir -p "$RESULTS_DIR"

    phase "build"
    local sln
    sln=$(find_solution) || die "no Inventory.sln (or .slnx) at $REPO_ROOT"
    if ! run_child dotnet build "$sln" -c Release -nologo -nodeReuse:false -v minimal >"$BUILD_LOG" 2>&1; then
        local errors
        errors=$(grep -E ': error [A-Z]+[0-9]*' "$BUILD_LOG" | sed 's/^[[:space:]]*//' | LC_ALL=C sort -u || true)
        if [[ -n $errors ]]; then
            svc_err "dotnet build $sln failed with $(wc -l <<<"$errors") distinct error(s) (full log: $BUILD_LOG):"
            head -n 200 <<<"$errors" >&2
            tail -n 4 "$BUILD_LOG" >&2
        else
            svc_err "dotnet build $sln failed; last lines of $BUILD_LOG:"
            tail -n 60 "$BUILD_LOG" >&2
        fi
        echo "BUILD FAILED"
        exit 1
    fi
    tail -n 6 "$BUILD_LOG"

    if [[ -f tests/audit/package.json ]]; then
        phase "npm (tests/audit)"
        if [[ -f tests/audit/package-lock.json || -f tests/audit/npm-shrinkwrap.json ]]; then
            run_child npm --prefix tests/audit ci --no-audit --no-fund || die "npm ci in tests/audit failed"
        else
            run_child npm --prefix tests/audit install --no-audit --no-fund || die "npm install in tests/audit failed"
        fi
    fi

    local projects=()
    mapfile -t projects < <(find_test_projects)
    ((${#projects[@]})) || die "no test projects found under tests/ (csproj referencing Microsoft.NET.Test.Sdk)"

    phase "services"
    start_services || die "could not start the test services"

    # `dotnet test --no-build` on a project the solution build skipped exits 0 silently, with no
    # output and no TRX: a test project missing from the solution would pass unnoticed.
    local in_sln
    in_sln=$(dotnet sln "$sln" list 2>/dev/null | tr '\\' '/' | sed 's#^\./##') || in_sln=""

    local proj name rel rc a b c failed_projects=() used_names=" "
    TESTS_STARTED=1
    for proj in "${projects[@]}"; do
        rel=${proj#"$REPO_ROOT"/}
        if [[ -n $in_sln ]] && ! grep -qxF "$rel" <<<"$in_sln"; then
            svc_err "$rel is not in $sln, so it was not built and cannot run: dotnet sln $sln add $rel"
            CRASHED_PROJECTS+=("$rel")
            continue
        fi
        name=$(basename "$proj" .csproj)
        [[ $used_names == *" $name "* ]] && name="${name}-$(echo "$rel" | md5sum | cut -c1-6)"
        used_names+="$name "
        phase "test $rel"
        rc=0
        run_child dotnet test "$proj" -c Release --no-build \
            --logger "trx;LogFileName=$name.trx" \
            --logger "console;verbosity=$verbosity" \
            --results-directory "$RESULTS_DIR" \
            --blame-hang-timeout "${INVENTORY_TEST_HANG_TIMEOUT:-15m}" --blame-hang-dump-type none \
            ${filter[@]+"${filter[@]}"} ${extra[@]+"${extra[@]}"} || rc=$?
        if [[ ! -f $RESULTS_DIR/$name.trx ]]; then
            # (a filter that matches nothing still writes a TRX, so this is never a normal outcome)
            svc_err "$rel exited with $rc and wrote no TRX (crashed, or not built?)"
            CRASHED_PROJECTS+=("$rel")
            continue
        fi
        read -r a b c < <(trx_counts "$RESULTS_DIR/$name.trx")
        svc_log "$rel: $a passed, $b failed, $c skipped (exit $rc)"
        if ((b > 0)); then
            failed_projects+=("$rel")
        elif ((rc != 0)); then
            svc_err "$rel exited with $rc without a failed test (test host crash/abort?)"
            CRASHED_PROJECTS+=("$rel")
        fi
    done

    phase "done in $((SECONDS - t_start)) s"
    local p f s status=0
    read -r p _ f _ s _ < <(final_summary)
    ((${#failed_projects[@]})) && { svc_err "projects with failed tests: ${failed_projects[*]}"; status=1; }
    ((${#CRASHED_PROJECTS[@]})) && { svc_err "test projects that did not run properly (each counted as 1 failed): ${CRASHED_PROJECTS[*]}"; status=1; }
    ((f > 0)) && status=1
    ((p + f + s == 0)) && { svc_err "no test ran"; status=1; }
    echo "TRX files: $RESULTS_DIR"
    return $status
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    main "$@"
fi
