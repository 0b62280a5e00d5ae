# shellcheck shell=bash
# Shared functions for bin/suite-test, bin/suite-run and bin/suite-bench.
# Source it; it defines functions and a few LP_* variables, and runs nothing by itself.
#
# Environment variables read here (all optional):
#   ODOO_HOME      Odoo 18 source/packaged tree with odoo-bin (default /opt/odoo18)
#   ODOO_PYTHON    python that runs Odoo (default $ODOO_HOME/venv/bin/python, else python3)
#   LP_ADDONS_DIR  folder whose children are the suite addons (default: the repo root)
#   LP_DATA_DIR    Odoo data dir holding the filestores (default: Odoo's own default)
#   LP_DB_ARGS     extra Odoo db options, e.g. "--db_host db --db_user odoo --db_password odoo"
#   PGHOST PGPORT PGUSER PGPASSWORD   PostgreSQL connection (also passed on to Odoo)
#   LP_DEPS        comma list of core addons preinstalled in the template database

LP_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LP_ADDONS_DIR="${LP_ADDONS_DIR:-$LP_REPO_ROOT}"
LP_RUNS_DIR="${LP_RUNS_DIR:-/tmp/lp_runs}"
LP_DEPS="${LP_DEPS:-account,mail,point_of_sale,pos_hr,pos_restaurant,stock}"
# Bump to force every machine to rebuild its template databases.
LP_TEMPLATE_FORMAT=2

lp_say() { printf '%s\n' "$*" >&2; }
lp_step() { printf '\n== %s\n' "$*" >&2; }
lp_die() {
    local code=$1
    shift
    printf 'ERROR: %s\n' "$*" >&2
    exit "$code"
}
lp_is_root() { [[ $(id -u) -eq 0 ]]; }

# ---------------------------------------------------------------- Odoo -----

lp_no_odoo_help() {
    cat >&2 <<'EOF'
ERROR: Odoo 18.0 was not found.

The suite needs an Odoo 18.0 server (Community is enough). Any one of:
  1. Docker (official odoo:18.0 image, see docker-compose.yml): `docker compose run --rm init` once,
     then `docker compose up`; `docker compose --profile test run --rm tests` runs the test command
     in a derived image that adds a browser for the tours.
  2. Odoo's own packages: the 18.0 nightly .deb/.rpm from https://nightly.odoo.com/18.0/nightly/
     (installs an importable `odoo` package and the `odoo` command); then re-run this command.
  3. A source checkout: `git clone -b 18.0 --depth 1 https://github.com/odoo/odoo`, a virtualenv with
     its requirements.txt (+ websocket-client), then `export ODOO_HOME=/path/to/odoo`
     (and ODOO_PYTHON=/path/to/venv/bin/python if the venv is not $ODOO_HOME/venv).
EOF
    exit 2
}

# Sets LP_PY (python running Odoo), LP_ODOO (command array), LP_CORE_ADDONS (comma list),
# LP_ODOO_VERSION. Tries ODOO_HOME first, then an importable `odoo` package.
lp_find_odoo() {
    local home="${ODOO_HOME:-/opt/odoo18}" d core=""
    LP_ODOO=()
    if [[ -f "$home/odoo-bin" ]]; then
        # A git checkout keeps most addons in ./addons, packaged trees only in ./odoo/addons.
        for d in "$home/addons" "$home/odoo/addons"; do
            [[ -d "$d/base" || -d "$d/web" ]] && core="${core:+$core,}$d"
        done
        if [[ -f "$home/addons/web/static/lib/owl/owl.js" || -f "$home/odoo/addons/web/static/lib/owl/owl.js" ]]; then
            if [[ -n "${ODOO_PYTHON:-}" ]]; then
                LP_PY="$ODOO_PYTHON"
            elif [[ -x "$home/venv/bin/python" ]]; then
                LP_PY="$home/venv/bin/python"
            else
                LP_PY="$(command -v python3)"
            fi
            LP_ODOO=("$LP_PY" "$home/odoo-bin")
            LP_CORE_ADDONS="$core"
            LP_ODOO_VERSION="$("$LP_PY" -c 'import runpy,sys; print(runpy.run_path(sys.argv[1])["version"])' \
                "$home/odoo/release.py" 2>/dev/null)"
        else
            lp_say "note: $home/odoo-bin exists but web/static/lib/owl/owl.js is missing (incomplete build); ignored"
        fi
    fi
    if [[ ${#LP_ODOO[@]} -eq 0 ]]; then
        local py="${ODOO_PYTHON:-$(command -v python3 || true)}" out
        # Packaged Odoo (deb, official docker image, pip install): `python3 -m odoo` works.
        if [[ -n "$py" ]] && out="$("$py" -c '
import os, odoo.addons, odoo.release
paths = [p for p in odoo.addons.__path__ if os.path.isfile(os.path.join(p, "web/static/lib/owl/owl.js"))]
print(odoo.release.version)
print(",".join(odoo.addons.__path__) if paths else "")' 2>/dev/null)"; then
            LP_ODOO_VERSION="$(sed -n 1p <<<"$out")"
            LP_CORE_ADDONS="$(sed -n 2p <<<"$out")"
            if [[ -n "$LP_CORE_ADDONS" ]]; then
                LP_PY="$py"
                LP_ODOO=("$py" -m odoo)
            fi
        fi
    fi
    [[ ${#LP_ODOO[@]} -gt 0 ]] || lp_no_odoo_help
    [[ "$LP_ODOO_VERSION" == 18.0* ]] || lp_die 2 "found Odoo '$LP_ODOO_VERSION' (${LP_ODOO[*]}), but the suite needs 18.0"
    "$LP_PY" -c 'import psycopg2, lxml, werkzeug' 2>/dev/null ||
        lp_die 2 "$LP_PY cannot import Odoo's dependencies (psycopg2, lxml, werkzeug): set ODOO_PYTHON to Odoo's python"
}

# Odoo's data dir (filestores). Explicit so that template and clone filestores are found reliably.
lp_data_dir() {
    if [[ -n "${LP_DATA_DIR:-}" ]]; then
        printf '%s\n' "$LP_DATA_DIR"
    elif [[ -n "${ODOO_RC:-}" && -r "${ODOO_RC}" ]] && grep -qE '^\s*data_dir\s*=' "$ODOO_RC"; then
        sed -nE 's/^\s*data_dir\s*=\s*(.*\S)\s*$/\1/p' "$ODOO_RC" | head -1   # official image: /var/lib/odoo
    else
        printf '%s\n' "${XDG_DATA_HOME:-$HOME/.local/share}/Odoo"
    fi
}

# LP_DB_ARGS may carry --db_host/--db_port/--db_user/--db_password: copy them into PG* so that
# psql/createdb/dropdb and Odoo talk to the same server.
lp_import_db_args() {
    local -a words
    read -r -a words <<<"${LP_DB_ARGS:-}"
    local i=0 key val
    while [[ $i -lt ${#words[@]} ]]; do
        key="${words[$i]}"
        val=""
        if [[ "$key" == *=* ]]; then
            val="${key#*=}"
            key="${key%%=*}"
        else
            i=$((i + 1))
            val="${words[$i]:-}"
        fi
        case "$key" in
            --db_host) export PGHOST="$val" ;;
            --db_port) export PGPORT="$val" ;;
            -r | --db_user) export PGUSER="$val" ;;
            -w | --db_password) export PGPASSWORD="$val" ;;
            *) lp_die 2 "LP_DB_ARGS: unsupported option '$key' (use --db_host/--db_port/--db_user/--db_password)" ;;
        esac
        i=$((i + 1))
    done
}

# Options every odoo-bin call gets: addons path, data dir, database connection.
lp_odoo_common_args() {
    LP_ODOO_ARGS=("--addons-path=$LP_CORE_ADDONS,$LP_ADDONS_DIR" "--data-dir=$(lp_data_dir)")
    [[ -n "${PGHOST:-}" ]] && LP_ODOO_ARGS+=("--db_host=$PGHOST")
    [[ -n "${PGPORT:-}" ]] && LP_ODOO_ARGS+=("--db_port=$PGPORT")
    [[ -n "${PGUSER:-}" ]] && LP_ODOO_ARGS+=("--db_user=$PGUSER")
    [[ -n "${PGPASSWORD:-}" ]] && LP_ODOO_ARGS+=("--db_password=$PGPASSWORD")
    return 0
}

# ---------------------------------------------------------------- addons ---

# Every installable top-level folder with a __manifest__.py, sorted, one per line.
lp_discover_addons() {
    "$LP_PY" - "$LP_ADDONS_DIR" <<'EOF'
import ast, os, sys
root = sys.argv[1]
for name in sorted(os.listdir(root)):
    path = os.path.join(root, name, "__manifest__.py")
    if not os.path.isfile(path):
        continue
    try:
        manifest = ast.literal_eval(open(path, encoding="utf-8").read())
    except Exception:
        manifest = {}  # broken manifests are reported by the static checks; still try to install
    if manifest.get("installable", True):
        print(name)
EOF
}

# Core addons the template must contain: LP_DEPS plus what suite manifests depend on outside the suite,
# except the deps of bridge addons (lp_bridge_addons): those are installed only when a run installs the
# bridge, so that the other addons are never tested with, say, mrp in the database.
lp_template_deps() {
    "$LP_PY" - "$LP_ADDONS_DIR" "$LP_DEPS" <<'EOF'
import ast, os, sys
root, deps = sys.argv[1], set(filter(None, sys.argv[2].split(",")))
base = set(deps)
suite = {n for n in os.listdir(root) if os.path.isfile(os.path.join(root, n, "__manifest__.py"))}
for name in suite:
    try:
        manifest = ast.literal_eval(open(os.path.join(root, name, "__manifest__.py"), encoding="utf-8").read())
        external = {d for d in manifest.get("depends", []) if d not in suite}
        if manifest.get("auto_install") and external - base:
            continue  # a bridge: see lp_bridge_addons
        deps.update(external)
    except Exception:
        pass
print(",".join(sorted(deps)))
EOF
}

# Bridge addons, one per line: auto-installed suite addons that depend on a core addon outside LP_DEPS
# (pos_stock_pro_mrp: mrp). Their core deps stay out of the template (Odoo installs them with the
# bridge), and the core POS stage leaves them out (Odoo's POS tests run without mrp, as measured).
lp_bridge_addons() {
    "$LP_PY" - "$LP_ADDONS_DIR" "$LP_DEPS" <<'EOF'
import ast, os, sys
root, base = sys.argv[1], set(filter(None, sys.argv[2].split(",")))
suite = {n for n in os.listdir(root) if os.path.isfile(os.path.join(root, n, "__manifest__.py"))}
for name in sorted(suite):
    try:
        manifest = ast.literal_eval(open(os.path.join(root, name, "__manifest__.py"), encoding="utf-8").read())
    except Exception:
        continue
    if manifest.get("auto_install") and {d for d in manifest.get("depends", []) if d not in suite} - base:
        print(name)
EOF
}

# ------------------------------------------------------- system packages ---

lp_chrome_path() { command -v chromium chromium-browser google-chrome google-chrome-stable 2>/dev/null | head -1; }

# apt-get install, running `apt-get update` only when a package has no install candidate.
lp_apt_install() {
    local pkg need_update=0
    for pkg in "$@"; do
        apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]' || need_update=1
    done
    [[ $need_update -eq 1 ]] && DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

lp_ensure_system_packages() {
    local -a missing=()
    command -v psql >/dev/null || missing+=(postgresql-client)
    lp_pg_is_local && ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null && missing+=(postgresql)
    # Tours need a browser; bin/suite-run does not (LP_NEED_CHROME=0).
    [[ "${LP_NEED_CHROME:-1}" == 0 || -n "$(lp_chrome_path)" ]] || missing+=(chromium)
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if lp_is_root && command -v apt-get >/dev/null; then
        lp_say "installing Debian packages: ${missing[*]}"
        lp_apt_install "${missing[@]}" || lp_die 2 "apt-get install ${missing[*]} failed"
    else
        lp_say "WARNING: missing ${missing[*]} (not root or no apt-get: install them yourself)"
    fi
}

# Installs requirements.txt lines whose distribution is absent (never touches installed versions).
lp_ensure_python_requirements() {
    local -a missing
    mapfile -t missing < <("$LP_PY" "$LP_REPO_ROOT/tests/harness/missing_requirements.py" "$LP_REPO_ROOT/requirements.txt")
    if [[ ${#missing[@]} -gt 0 ]]; then
        lp_say "pip installing into $LP_PY: ${missing[*]}"
        "$LP_PY" -m pip install -q "${missing[@]}" >&2 ||
            "$LP_PY" -m pip install -q --break-system-packages "${missing[@]}" >&2 ||
            lp_say "WARNING: pip install failed (${missing[*]})"
    fi
    "$LP_PY" -c 'import websocket' 2>/dev/null ||
        lp_die 2 "websocket-client is not importable by $LP_PY: tours would be skipped. Run: $LP_PY -m pip install -r requirements.txt"
}

# Odoo's prefork server serves /websocket from a gevent process (`odoo-bin gevent`). When gevent
# monkey-patches it loads its entry points through pkg_resources, which resolves gevent's own
# requirements: the setuptools of Odoo 18's environments cannot find zope.event >= 6 or
# zope.interface >= 7 (wheels with normalised dist-info names), so that process dies at start and no
# till gets a websocket in prefork mode (threaded mode never imports gevent). Versions published
# before the renaming resolve; gevent 22.10 predates both.
lp_ensure_gevent() {
    "$LP_PY" -c 'import gevent' 2>/dev/null || return 0
    "$LP_PY" -c 'import pkg_resources; pkg_resources.require("gevent")' 2>/dev/null && return 0
    local -a pins=("zope.event==5.0" "zope.interface==6.4.post2")
    lp_say "gevent cannot resolve its requirements (prefork websockets would not start): pip installing ${pins[*]}"
    "$LP_PY" -m pip install -q "${pins[@]}" >&2 ||
        "$LP_PY" -m pip install -q --break-system-packages "${pins[@]}" >&2 ||
        lp_say "WARNING: pip install ${pins[*]} failed: prefork mode will have no websocket"
}

# ------------------------------------------------------------ PostgreSQL ---

# Closes every descriptor above stderr in the current (sub)shell.
lp_close_inherited_fds() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd="${fd##*/}"
        [[ $fd =~ ^[0-9]+$ && $fd -gt 2 ]] && eval "exec $fd>&-" 2>/dev/null
    done
    return 0
}

lp_psql() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

# A local server is ours to start; a remote one (docker `db` service) is not.
lp_pg_is_local() {
    [[ -z "${PGHOST:-}" || "${PGHOST}" == /* || "${PGHOST}" == localhost || "${PGHOST}" == 127.0.0.1 ]]
}

lp_ensure_postgres() {
    lp_psql -tAc 'select 1' >/dev/null 2>&1 && return 0
    lp_pg_is_local || lp_die 2 "cannot connect to PostgreSQL at ${PGHOST}:${PGPORT:-5432} as ${PGUSER:-$(id -un)}"
    command -v pg_lsclusters >/dev/null || lp_die 2 "no PostgreSQL tools (Debian's postgresql-common); install PostgreSQL"
    if ! pg_lsclusters -h | awk '$4 == "online"' | grep -q .; then
        local cluster
        cluster="$(pg_lsclusters -h | awk '{print $1, $2}' | sort -rV | head -1)"
        if [[ -z "$cluster" ]]; then
            # Debian 13 ships another major version: take the newest installed server.
            local ver
            ver="$(find /usr/lib/postgresql -maxdepth 1 -mindepth 1 -printf '%f\n' 2>/dev/null | sort -rV | head -1)"
            [[ -n "$ver" ]] || lp_die 2 "no PostgreSQL server installed"
            lp_say "creating PostgreSQL cluster $ver/main"
            pg_createcluster "$ver" main >&2 || lp_die 2 "pg_createcluster $ver main failed"
            cluster="$ver main"
        fi
        lp_say "starting PostgreSQL cluster $cluster"
        # The server outlives this run: it must not inherit our open descriptors. A lock held by
        # the caller (lp-run's slot files, flock(1)) would otherwise stay held by the daemon for
        # as long as PostgreSQL runs, and every later lp-run would wait for a slot forever.
        # shellcheck disable=SC2086 # "version name" on purpose
        (lp_close_inherited_fds; pg_ctlcluster $cluster start >&2) || lp_die 2 "pg_ctlcluster $cluster start failed"
    fi
    lp_psql -tAc 'select 1' >/dev/null 2>&1 && return 0
    # The server runs but our OS user has no role yet.
    local me="${PGUSER:-$(id -un)}"
    if lp_is_root; then
        lp_say "creating PostgreSQL superuser role '$me'"
        su postgres -c "psql -X -q -d postgres -c 'CREATE ROLE \"$me\" SUPERUSER LOGIN'" >&2 ||
            lp_die 2 "could not create role $me"
    fi
    lp_psql -tAc 'select 1' >/dev/null 2>&1 ||
        lp_die 2 "PostgreSQL runs but role '$me' cannot connect (as postgres: CREATE ROLE \"$me\" SUPERUSER LOGIN)"
}

lp_db_exists() { [[ "$(lp_psql -tAc "select 1 from pg_database where datname = '$1'")" == 1 ]]; }

# Drops a database and its filestore.
lp_drop_db() {
    local db="$1"
    dropdb --if-exists --force "$db" 2>/dev/null || dropdb --if-exists "$db" || true
    rm -rf "$(lp_data_dir)/filestore/$db"
}

# Copies database $1 to $2 (createdb -T) with its filestore. Hard links are safe: Odoo never
# rewrites a filestore file in place (names are content hashes), it only adds and unlinks.
lp_clone_db() {
    local src="$1" dst="$2" fs
    fs="$(lp_data_dir)/filestore"
    createdb -T "$src" "$dst" || return 1
    if [[ -d "$fs/$src" ]]; then
        mkdir -p "$fs"
        cp -al "$fs/$src" "$fs/$dst" 2>/dev/null || cp -a "$fs/$src" "$fs/$dst"
    fi
}

# ------------------------------------------------------- template database ---

lp_template_name() {
    local deps="$1"
    printf 'lp_tpl_%s\n' "$(printf '%s|%s|%s' "$deps" "$LP_ODOO_VERSION" "$LP_TEMPLATE_FORMAT" | sha1sum | cut -c1-10)"
}

# Ensures the template database (core deps with demo data) exists; prints its name on stdout.
# Takes an exclusive lock to build, so concurrent runs wait instead of building twice; callers
# hold a shared lock (lp_with_template_lock) while cloning.
lp_ensure_template() {
    local deps tpl
    deps="$(lp_template_deps)"
    tpl="$(lp_template_name "$deps")"
    mkdir -p "$LP_RUNS_DIR/templates"
    (
        flock -x 9
        touch "$LP_RUNS_DIR/templates/$tpl.lock"  # last use, for lp_drop_stale_templates
        if lp_db_exists "$tpl"; then
            if [[ -d "$(lp_data_dir)/filestore/$tpl" ]]; then
                exit 0
            fi
            lp_say "template $tpl has lost its filestore: rebuilding it"
            lp_drop_db "$tpl"
        fi
        local tmp="${tpl}_building" log="$LP_RUNS_DIR/templates/$tpl.log" t0=$SECONDS
        lp_drop_db "$tmp"
        lp_say "building template database $tpl ($deps, with demo data); log: $log"
        lp_say "(one-off, several minutes; later runs reuse it)"
        lp_odoo_common_args
        if ! "${LP_ODOO[@]}" "${LP_ODOO_ARGS[@]}" -d "$tmp" -i "$deps" --stop-after-init \
            --log-level=info --http-port="$(lp_free_port)" --gevent-port="$(lp_free_port)" \
            --http-interface=127.0.0.1 >"$log" 2>&1; then
            tail -n 30 "$log" >&2
            lp_drop_db "$tmp"
            lp_die 1 "building the template failed (see $log)"
        fi
        # Web asset bundles take ~30 s to build before the first HttpCase; build them once here.
        # Bundles a suite addon extends get new hashes and are rebuilt in the test run anyway.
        "${LP_ODOO[@]}" shell "${LP_ODOO_ARGS[@]}" -d "$tmp" --no-http --log-level=warn >>"$log" 2>&1 <<'PY' ||
env["ir.qweb"]._pregenerate_assets_bundles()
env.cr.commit()
PY
            lp_say "note: could not pregenerate asset bundles (see $log); tests will build them"
        # Odoo 18 loads demo data by default; a config file with without_demo would silently drop it.
        [[ "$(psql -X -d "$tmp" -tAc "select demo from ir_module_module where name = 'base'")" == t ]] ||
            { lp_drop_db "$tmp"; lp_die 1 "template built without demo data (without_demo set in a config file?)"; }
        lp_psql -c "ALTER DATABASE \"$tmp\" RENAME TO \"$tpl\"" || lp_die 1 "could not rename $tmp"
        local fs
        fs="$(lp_data_dir)/filestore"
        if [[ -d "$fs/$tmp" ]]; then
            rm -rf "${fs:?}/$tpl"
            mv "$fs/$tmp" "$fs/$tpl"
        else
            mkdir -p "$fs/$tpl"
        fi
        lp_say "template $tpl built in $((SECONDS - t0)) s"
        lp_drop_stale_templates "$tpl"
    ) 9>"$LP_RUNS_DIR/templates/$tpl.lock" || exit $?
    printf '%s\n' "$tpl"
}

# After a rebuild (dependencies or Odoo changed), drop the other templates unused for 3 days.
lp_drop_stale_templates() {
    local keep="$1" old lock
    for old in $(lp_psql -tAc "select datname from pg_database where datname ~ '^lp_tpl_[0-9a-f]+$'"); do
        [[ "$old" == "$keep" ]] && continue
        lock="$LP_RUNS_DIR/templates/$old.lock"
        [[ -f "$lock" && -z "$(find "$lock" -mtime +3)" ]] && continue
        (
            flock -xn 9 || exit 0
            lp_say "dropping stale template $old"
            lp_drop_db "$old"
        ) 9>"$lock"
        rm -f "$lock" "$LP_RUNS_DIR/templates/$old.log"
    done
}

# Clones the template under a shared lock (a concurrent rebuild holds it exclusively).
lp_clone_template() {
    local tpl="$1" dst="$2"
    (
        flock -s 9
        lp_clone_db "$tpl" "$dst"
    ) 9>"$LP_RUNS_DIR/templates/$tpl.lock"
}

# Installs (-i) the addons of comma list $2 that database $1 lacks; log in $3.
lp_install_missing() {
    local db="$1" csv="$2" log="$3" name
    local -a installed missing=()
    mapfile -t installed < <(psql -X -d "$db" -tAc "select name from ir_module_module
        where state = 'installed' and name = any(string_to_array('$csv', ','))")
    for name in ${csv//,/ }; do
        [[ " ${installed[*]} " == *" $name "* ]] || missing+=("$name")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    lp_say "installing ${missing[*]} into $db (log: $log)"
    "${LP_ODOO[@]}" "${LP_ODOO_ARGS[@]}" -d "$db" -i "$(IFS=,; echo "${missing[*]}")" --stop-after-init \
        --http-port="$(lp_free_port)" --gevent-port="$(lp_free_port)" --log-level=info >"$log" 2>&1 && return 0
    grep -E " (ERROR|CRITICAL) " "$log" | tail -n 5 >&2
    return 1
}

# ----------------------------------------------------------------- misc ---

# A TCP port nobody listens on right now.
lp_free_port() {
    "$LP_PY" -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])'
}

# Common preparation for the bin/ scripts.
lp_prepare() {
    lp_import_db_args
    lp_find_odoo
    lp_ensure_system_packages
    lp_ensure_python_requirements
    lp_ensure_gevent
    lp_ensure_postgres
    lp_odoo_common_args
    mkdir -p "$LP_RUNS_DIR/templates"
}
