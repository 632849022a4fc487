#!/bin/sh
# Installs the Event Monitoring Elasticsearch assets (ILM policy, component and index templates, roles) into a
# running cluster, rolls over the project's data streams whose write index did not come from these templates and,
# when KIBANA_URL is set, imports the Kibana saved objects. Idempotent: run it again after every change. Usable
# locally and as the Kubernetes Job.
#
# Environment:
#   ES_URL             Elasticsearch URL, e.g. https://eventmonitoring-es-http:9200 (required)
#   ES_USER/ES_PASSWORD  a user with the eventmonitoring_setup role; with ES_ROLES=api, one that may also manage
#                      roles (e.g. elastic)
#   ES_CA_CERT         CA certificate file for https (optional)
#   ES_ROLES           api (default): PUT the roles through the security API; file: the cluster reads
#                      elasticsearch/roles.yml from its config directory (file realm, ECK's auth.roles), skip them here
#   ES_ILM             auto (default): install the ILM policy when the cluster has ILM; skip: never
#   KIBANA_URL         Kibana URL; when set, saved objects are imported (optional)
#   KIBANA_USER/KIBANA_PASSWORD  default to ES_USER/ES_PASSWORD
#   KIBANA_CA_CERT     CA certificate file for Kibana over https (optional)
#   KIBANA_SPACE       Kibana space to import into (optional, default space otherwise)
#   WAIT_SECONDS       how long to wait for Elasticsearch and Kibana to answer (default 300)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${ES_URL:?ES_URL is required, e.g. ES_URL=http://127.0.0.1:9200}"
ES_ROLES=${ES_ROLES:-api}
ES_ILM=${ES_ILM:-auto}
WAIT_SECONDS=${WAIT_SECONDS:-300}
case "$ES_ROLES" in api|file) ;; *) echo "ES_ROLES must be api or file, was '$ES_ROLES'" >&2; exit 2 ;; esac
case "$ES_ILM" in auto|skip) ;; *) echo "ES_ILM must be auto or skip, was '$ES_ILM'" >&2; exit 2 ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
umask 077

# Credentials go to curl through config files, never on the command line where ps would show them.
curl_config() { # file user password cacert
  : > "$1"
  if [ -n "$2" ]; then
    printf 'user = "%s:%s"\n' "$2" "$3" >> "$1"
  fi
  if [ -n "$4" ]; then
    printf 'cacert = "%s"\n' "$4" >> "$1"
  fi
}
curl_config "$work/es.conf" "${ES_USER:-}" "${ES_PASSWORD:-}" "${ES_CA_CERT:-}"
curl_config "$work/kibana.conf" "${KIBANA_USER:-${ES_USER:-}}" "${KIBANA_PASSWORD:-${ES_PASSWORD:-}}" "${KIBANA_CA_CERT:-}"

# Prints the HTTP status; the body is left in $work/body.
status() { # config method url [curl args...]
  conf=$1 method=$2 url=$3
  shift 3
  curl -sS -K "$conf" -o "$work/body" -w '%{http_code}' -X "$method" "$@" "$url" || true
}

wait_for() { # name config url
  deadline=$(( $(date +%s) + WAIT_SECONDS ))
  until [ "$(status "$2" GET "$3")" = 200 ]; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "$1 did not answer 200 at $3 within ${WAIT_SECONDS}s: $(cat "$work/body" 2>/dev/null)" >&2
      exit 1
    fi
    sleep 5
  done
}

put() { # path file
  code=$(status "$work/es.conf" PUT "$ES_URL$1" -H 'Content-Type: application/json' --data-binary "@$2")
  case "$code" in
    2??) echo "installed $1" ;;
    *) echo "PUT $1 failed with HTTP $code: $(cat "$work/body")" >&2; exit 1 ;;
  esac
}

wait_for Elasticsearch "$work/es.conf" "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=10s"

if [ "$ES_ILM" = auto ] && [ "$(status "$work/es.conf" GET "$ES_URL/_ilm/status")" = 200 ]; then
  put /_ilm/policy/eventmonitoring-logs "$here/elasticsearch/ilm/eventmonitoring-logs.json"
  put /_component_template/eventmonitoring@ilm "$here/elasticsearch/component-templates/eventmonitoring@ilm.json"
else
  echo "skipped ILM: ES_ILM=$ES_ILM or the cluster has no ILM API; the data streams are kept until deleted"
fi

for file in "$here"/elasticsearch/component-templates/*.json; do
  name=$(basename "$file" .json)
  [ "$name" = eventmonitoring@ilm ] || put "/_component_template/$name" "$file"
done
for file in "$here"/elasticsearch/index-templates/*.json; do
  put "/_index_template/$(basename "$file" .json)" "$file"
done

# A data stream keeps the mappings and lifecycle its write index was created with: one created before these
# templates existed (by the built-in logs-*-* template, when a document came first) is rolled over, so that its next
# write index comes from them. The project's indices carry the mappings' _meta marker; rerunning changes nothing.
code=$(status "$work/es.conf" GET "$ES_URL/_data_stream/logs-eventmonitoring.*?filter_path=data_streams.name,\
data_streams.template,data_streams.indices.index_name")
if [ "$code" = 200 ]; then
  # One "stream write-index template" line per data stream; its write index is the last of its backing indices.
  grep -oE '"(name|template|index_name)":"[^"]*"' "$work/body" | sed -E 's/^"([a-z_]+)":"(.*)"$/\1 \2/' | {
    stream=
    while read -r key value; do
      case "$key" in
        name)
          [ -z "$stream" ] || echo "$stream $index $template"
          stream=$value index= template= ;;
        index_name) index=$value ;;
        template) template=$value ;;
      esac
    done
    [ -z "$stream" ] || echo "$stream $index $template"
  } > "$work/streams"
  while read -r stream index template; do
    if [ ! -f "$here/elasticsearch/index-templates/$template.json" ]; then
      echo "left $stream alone: it matches the index template '$template', not one of the project's" >&2
      continue
    fi
    code=$(status "$work/es.conf" GET "$ES_URL/$index/_mapping?filter_path=*.mappings._meta.managed_by")
    [ "$code" = 200 ] || { echo "GET /$index/_mapping failed with HTTP $code: $(cat "$work/body")" >&2; exit 1; }
    if grep -q '"managed_by":"event-monitoring"' "$work/body"; then
      echo "kept $stream: its write index $index comes from the project's template"
    else
      code=$(status "$work/es.conf" POST "$ES_URL/$stream/_rollover")
      case "$code" in
        2??) echo "rolled over $stream: its write index $index did not come from the project's template" ;;
        *) echo "POST /$stream/_rollover failed with HTTP $code: $(cat "$work/body")" >&2; exit 1 ;;
      esac
    fi
  done < "$work/streams"
else
  echo "skipped the data stream check: the cluster has no data stream API (HTTP $code)"
fi

if [ "$ES_ROLES" = api ]; then
  for file in "$here"/elasticsearch/roles/*.json; do
    put "/_security/role/$(basename "$file" .json)" "$file"
  done
else
  echo "skipped roles: ES_ROLES=file, the cluster reads elasticsearch/roles.yml"
fi

if [ -n "${KIBANA_URL:-}" ]; then
  kibana=${KIBANA_URL%/}
  [ -z "${KIBANA_SPACE:-}" ] || kibana="$kibana/s/$KIBANA_SPACE"
  wait_for Kibana "$work/kibana.conf" "${KIBANA_URL%/}/api/status"
  for file in "$here"/kibana/*.ndjson; do
    code=$(status "$work/kibana.conf" POST "$kibana/api/saved_objects/_import?overwrite=true" \
      -H 'kbn-xsrf: true' --form "file=@$file")
    if [ "$code" != 200 ] || ! grep -q '"success":true' "$work/body"; then
      echo "importing $(basename "$file") failed with HTTP $code: $(cat "$work/body")" >&2
      exit 1
    fi
    echo "imported $(basename "$file") into Kibana"
  done
fi
echo "Event Monitoring Elastic assets are installed"
