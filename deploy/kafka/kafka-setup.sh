#!/bin/bash
# Creates the topics of topics.txt and adds the grants of acls.txt, as the broker's own principal (a super user),
# before any service starts (docker-compose.yml's kafka-setup). Safe to run again: existing topics and grants stay.
# It only adds: a grant taken out of acls.txt is removed by hand (kafka-acls.sh --remove, same arguments).
set -euo pipefail
cd "$(dirname "$0")"
bin=/opt/kafka/bin
server=kafka:9092
config=broker-client.properties
grep -v '^#' topics.txt | while read -r name partitions settings; do
  [ -z "$name" ] && continue
  "$bin/kafka-topics.sh" --bootstrap-server "$server" --command-config "$config" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 ${settings:+--config "$settings"}
done
grep -v '^#' acls.txt | while read -r principal resource pattern name operation; do
  [ -z "$principal" ] && continue
  "$bin/kafka-acls.sh" --bootstrap-server "$server" --command-config "$config" --add \
    --allow-principal "User:$principal" --operation "$operation" "--$resource" "$name" \
    --resource-pattern-type "$pattern" > /dev/null
done
echo "Kafka topics and ACLs in place"
