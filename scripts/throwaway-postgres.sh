# Sourced by scripts/test and scripts/bench: a throwaway PostgreSQL on a
# loopback port, made from Debian's package (initdb, pg_ctl) in a temporary
# folder; as the postgres user when root (the server refuses to run as
# root); stopped and removed when the calling script ends. No running
# service is assumed or touched. Sets MAILROOM_POSTGRES_URL.
# Arguments: more server options (the suite adds `-c fsync=off`; the
# benches keep PostgreSQL durable, as redb is).
start_throwaway_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_dir=$(mktemp -d /tmp/mailroom-pg.XXXXXX)
  chmod 755 "$pg_dir"
  as_pg=()
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$pg_dir"
    as_pg=(runuser -u postgres --)
  fi
  pg_port=25440
  while (echo >"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
  trap stop_throwaway_postgres EXIT
  echo "== PostgreSQL on 127.0.0.1:$pg_port"
  (cd "$pg_dir" && "${as_pg[@]}" "$pg_bin/initdb" --no-sync -D "$pg_dir/data" -A trust -U postgres \
    -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log")
  (cd "$pg_dir" && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=400 $*" \
    start >/dev/null)
  export MAILROOM_POSTGRES_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
}

stop_throwaway_postgres() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
