#!/bin/bash
# Creates the topics of topics.txt and adds the grants of acls.txt, as the broker's own principal (a super user),
# before any service starts (docker-compose.yml's kafka-setup). Safe to run again: existing topics and grants stay.
# It only adds: a grant taken out of acls.txt is removed by hand (kafka-acls.sh --remove, same arguments).
# Lines with {agency} are applied once per agency id of NEXUS_AGENCY_TOPICS (comma-separated; none if it is empty).
set -euo pipefail
cd "$(dirname "$0")"
bin=${KAFKA_BIN:-/opt/kafka/bin}
server=${KAFKA_SERVER:-kafka:9092}
config=broker-client.properties
placeholder='{agency}'
IFS=', ' read -r -a agencies <<< "${NEXUS_AGENCY_TOPICS:-}"
# The lines of a file without comments, each line with {agency} once per agency.
lines() {
  grep -v '^#' "$1" | while IFS= read -r line; do
    if [[ $line == *"$placeholder"* ]]; then
      for agency in ${agencies[@]+"${agencies[@]}"}; do
        printf '%s\n' "${line//"$placeholder"/$agency}"
      done
    else
      printf '%s\n' "$line"
    fi
  done
}
lines topics.txt | while read -r name partitions settings; do
  [ -z "$name" ] && continue
  "$bin/kafka-topics.sh" --bootstrap-server "$server" --command-config "$config" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 ${settings:+--config "$settings"}
done
lines acls.txt | while read -r principal resource pattern name operation permission; do
  [ -z "$principal" ] && continue
  who=--allow-principal
  [ "${permission:-}" = Deny ] && who=--deny-principal
  "$bin/kafka-acls.sh" --bootstrap-server "$server" --command-config "$config" --add \
    "$who" "User:$principal" --operation "$operation" "--$resource" "$name" \
    --resource-pattern-type "$pattern" > /dev/null
done
echo "Kafka topics and ACLs in place"
